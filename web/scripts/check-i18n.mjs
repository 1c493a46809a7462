// Checks the message catalogues, bundle by bundle (the shell's in src/app/i18n, which holds the core's texts, and
// each registered module's in src/modules/<module>/i18n): es and en must have identical key sets; pt and fr may be
// partial but must not hold keys that Spanish lacks, and every placeholder must match the Spanish one. A key lives in
// one bundle only, and a module's keys start with one of the namespaces its manifest declares (so a page never
// depends on another module's catalogue). The modules come from the registry: run with tsx (`npm run check:i18n`).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODULES, PLATFORM_MODULES } from '../src/app/platform.ts';

const src = join(dirname(fileURLToPath(import.meta.url)), '..', 'src');
const MODULE_PREFIXES = Object.fromEntries(MODULES.map((m) => [m.id, m.namespaces]));

const problems = [];
const bundles = [{ name: 'core', dir: join(src, 'app', 'i18n') }];
for (const m of MODULES) {
  const dir = join(src, 'modules', m.id, 'i18n');
  if (!existsSync(dir)) problems.push(`${m.id}: its catalogues belong in src/modules/${m.id}/i18n`);
  else if (!m.catalogues) problems.push(`${m.id}: the manifest does not declare its catalogues`);
  else bundles.push({ name: m.id, dir });
  if (m.namespaces.length === 0) problems.push(`${m.id}: the manifest declares no key namespaces`);
}
for (const folder of readdirSync(join(src, 'modules'), { withFileTypes: true })) {
  if (folder.isDirectory() && !MODULES.some((m) => m.id === folder.name)) problems.push(`${folder.name}: not in the registry (src/modules/index.ts)`);
}
for (const m of PLATFORM_MODULES) {
  for (const e of m.nav) {
    for (const lang of ['es', 'en', 'pt', 'fr']) {
      if (!e.label[lang]?.trim() || !e.description[lang]?.trim()) problems.push(`${m.id}: navigation entry "${e.id}" lacks its ${lang} texts`);
    }
  }
}

const owner = new Map();
// `{name}` and the argument of a plural, `{count, plural, one {…} other {…}}`
const placeholders = (s) => [...new Set([...s.matchAll(/\{(\w+)(?:\}|\s*,\s*plural\s*,)/g)].map((m) => m[1]))].sort().join(',');
let total = 0;

for (const { name, dir } of bundles) {
  const load = (lang) => JSON.parse(readFileSync(join(dir, `${lang}.json`), 'utf8'));
  const es = load('es');
  total += Object.keys(es).length;
  const prefixes = MODULE_PREFIXES[name];
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
