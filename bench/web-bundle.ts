// The gzipped JavaScript a visitor downloads: the shell (the entry chunk and what it imports statically) and, for
// each page, the chunks it adds beyond the shell. Read from the built web/dist (npm run bench builds first).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { root } from './lib.js';

const PAGES = ['HomePage', 'LoginPage', 'EvidenceIndexPage', 'ComparePage', 'CorridorPage', 'SeriesPage', 'RemittancesIndexPage', 'SendMoneyPage', 'SdgPage', 'SchemesPage', 'InvestmentPage', 'DashboardPage', 'CaseloadPage'];

export async function benchWebBundle(): Promise<void> {
  const dir = join(root, 'web/dist/assets');
  const chunks = new Map(readdirSync(dir).filter((f) => f.endsWith('.js')).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
  // Static imports only: `import()` is a chunk loaded later, when the page asks for it.
  const closure = (name: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(name) || !chunks.has(name)) return seen;
    seen.add(name);
    for (const m of chunks.get(name)!.matchAll(/(?:import|export)\s*(?:[^"'();]*?from\s*)?["']\.\/([^"']+\.js)["']/g)) closure(m[1]!, seen);
    return seen;
  };
  const gz = (names: Iterable<string>) => [...names].reduce((sum, n) => sum + gzipSync(chunks.get(n)!, { level: 9 }).length, 0);
  const entry = [...chunks.keys()].find((f) => f.startsWith('index-'));
  if (!entry) throw new Error('web/dist has no entry chunk: build the web first');
  const shell = closure(entry);
  console.log('\n## Web bundle (gzipped JS, bytes)\n\n| chunk | bytes |\n|---|---:|');
  console.log(`| shell | ${gz(shell)} |`);
  for (const page of PAGES) {
    const file = [...chunks.keys()].find((f) => f.startsWith(`${page}-`));
    if (file) console.log(`| ${page} (beyond the shell) | ${gz([...closure(file)].filter((n) => !shell.has(n)))} |`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchWebBundle();
