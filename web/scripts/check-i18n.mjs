// Checks the message catalogues: es and en must have identical key sets; pt and fr may be partial
// but must not hold keys that Spanish lacks, and every placeholder must match the Spanish one.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'app', 'i18n');
const load = (lang) => JSON.parse(readFileSync(join(dir, `${lang}.json`), 'utf8'));
const es = load('es');
const problems = [];
const placeholders = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');

for (const lang of ['en', 'pt', 'fr']) {
  const cat = load(lang);
  for (const key of Object.keys(cat)) {
    if (!(key in es)) problems.push(`${lang}: key "${key}" is not in es.json`);
    else if (placeholders(cat[key]) !== placeholders(es[key])) problems.push(`${lang}: placeholders of "${key}" differ from es.json`);
  }
  if (lang === 'en') {
    for (const key of Object.keys(es)) if (!(key in cat)) problems.push(`en: key "${key}" is missing`);
  }
}

if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`i18n catalogues ok (${Object.keys(es).length} keys in es and en)`);
