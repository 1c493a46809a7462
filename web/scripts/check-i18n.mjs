// Checks the message catalogues, bundle by bundle (the core's in src/app/i18n, each module's in
// src/modules/<module>/i18n): es and en must have identical key sets; pt and fr may be partial but must not hold
// keys that Spanish lacks, and every placeholder must match the Spanish one. A key lives in one bundle only, and a
// module's keys start with that module's prefixes (so a page never depends on another module's catalogue).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const src = join(dirname(fileURLToPath(import.meta.url)), '..', 'src');
const MODULE_PREFIXES = { evidence: ['ev.'], remittances: ['rc.', 'rp.'], reintegration: ['rn.'] };

const bundles = [{ name: 'core', dir: join(src, 'app', 'i18n') }];
for (const m of readdirSync(join(src, 'modules'))) {
  const dir = join(src, 'modules', m, 'i18n');
  if (existsSync(dir)) bundles.push({ name: m, dir });
}

const problems = [];
const owner = new Map();
const placeholders = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');
let total = 0;

for (const { name, dir } of bundles) {
  const load = (lang) => JSON.parse(readFileSync(join(dir, `${lang}.json`), 'utf8'));
  const es = load('es');
  total += Object.keys(es).length;
  const prefixes = MODULE_PREFIXES[name];
  if (name !== 'core' && !prefixes) problems.push(`${name}: add the module's key prefixes to MODULE_PREFIXES in this script`);
  for (const key of Object.keys(es)) {
    if (owner.has(key)) problems.push(`${name}: key "${key}" is also in the ${owner.get(key)} catalogue`);
    owner.set(key, name);
    if (prefixes && !prefixes.some((p) => key.startsWith(p))) problems.push(`${name}: key "${key}" does not start with ${prefixes.join(' or ')}`);
    if (name === 'core' && Object.values(MODULE_PREFIXES).flat().some((p) => key.startsWith(p))) problems.push(`core: key "${key}" belongs in its module's catalogue`);
  }
  for (const lang of ['en', 'pt', 'fr']) {
    const cat = load(lang);
    for (const key of Object.keys(cat)) {
      if (!(key in es)) problems.push(`${name}/${lang}: key "${key}" is not in es.json`);
      else if (placeholders(cat[key]) !== placeholders(es[key])) problems.push(`${name}/${lang}: placeholders of "${key}" differ from es.json`);
    }
    if (lang === 'en') {
      for (const key of Object.keys(es)) if (!(key in cat)) problems.push(`${name}/en: key "${key}" is missing`);
    }
  }
}

if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`i18n catalogues ok (${total} keys in es and en, ${bundles.length} bundles)`);
