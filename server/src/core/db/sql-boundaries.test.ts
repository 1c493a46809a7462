import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * A module's SQL names only its own tables. Another module's tables are read through that module's public
 * interface (`modules/<other>/public.ts`), the core's through the helpers the core exports (`pathWithin`,
 * `usersWhoCan`, ...) or its drizzle tables, so a renamed table or column breaks at typecheck, not at run time.
 *
 * The test reads the text of every string and template literal of every module source file (tests apart: they
 * may look at any table) and fails when it names a table prefix of another module (`ev_`, from the tables of its
 * `schema.ts` files) or, after FROM, JOIN, INTO, UPDATE, TABLE or REFERENCES, a core table (from core's
 * `schema.ts` files). Drizzle tables interpolated into `sql` templates are code, not text, and pass.
 */

const SRC = fileURLToPath(new URL('../..', import.meta.url));
const MODULES = join(SRC, 'modules');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

const isSource = (path: string) => /\.tsx?$/.test(path) && !/\.test\.tsx?$/.test(path);

/** Table names declared by the `schema.ts` files under a folder (`pgTable('ev_values', ...)`). */
function tablesUnder(dir: string): string[] {
  return filesUnder(dir)
    .filter((path) => path.endsWith('/schema.ts'))
    .flatMap((path) => [...readFileSync(path, 'utf8').matchAll(/pgTable\(\s*'([a-z0-9_]+)'/g)].map((m) => m[1]!));
}

const moduleIds = readdirSync(MODULES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const prefixesOf = new Map(moduleIds.map((id) => [id, [...new Set(tablesUnder(join(MODULES, id)).map((t) => t.slice(0, t.indexOf('_') + 1)))]]));
const coreTables = tablesUnder(join(SRC, 'core'));

interface LiteralText {
  line: number;
  text: string;
}

/** The text of every string literal and every literal part of a template (`sql` or not) in a source file. */
function literalTexts(path: string): LiteralText[] {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: LiteralText[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      found.push({ line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, text: node.text });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What a piece of SQL text names that belongs to someone else: another module's tables, or core tables. */
function foreignNames(text: string, otherPrefixes: readonly string[], core: readonly string[]): string[] {
  const names: string[] = [];
  if (otherPrefixes.length) {
    const foreign = new RegExp(`\\b(?:${otherPrefixes.map(escape).join('|')})[a-z0-9_]+`, 'g');
    names.push(...(text.match(foreign) ?? []));
  }
  if (core.length) {
    const afterKeyword = new RegExp(`\\b(?:FROM|JOIN|INTO|UPDATE|TABLE|REFERENCES)\\s+(?:ONLY\\s+)?(?:public\\.)?"?(${core.map(escape).join('|')})"?(?![a-z0-9_])`, 'gi');
    for (const m of text.matchAll(afterKeyword)) names.push(m[1]!);
  }
  return names;
}

function violations(moduleId: string): string[] {
  const otherPrefixes = moduleIds.filter((id) => id !== moduleId).flatMap((id) => prefixesOf.get(id) ?? []);
  return filesUnder(join(MODULES, moduleId))
    .filter(isSource)
    .flatMap((path) =>
      literalTexts(path).flatMap(({ line, text }) =>
        foreignNames(text, otherPrefixes, coreTables).map((name) => `${relative(SRC, path)}:${line} names ${name}`),
      ),
    );
}

describe('a module SQL names only its own tables', () => {
  it('finds the tables of the core and of every module', () => {
    expect(coreTables).toEqual(expect.arrayContaining(['users', 'roles', 'user_scopes', 'sessions', 'org_units', 'persons', 'audit_log']));
    for (const id of moduleIds) expect(prefixesOf.get(id), `no tables found for module ${id}`).not.toHaveLength(0);
  });

  it('recognises another module table and a core table in SQL text, not a permission or a word', () => {
    expect(foreignNames('SELECT de, pe FROM ev_values WHERE de = $1', ['ev_'], ['users'])).toEqual(['ev_values']);
    expect(foreignNames('LEFT JOIN users u ON u.id = c.caseworker_id', [], ['users', 'user_scopes'])).toEqual(['users']);
    expect(foreignNames('JOIN user_scopes s ON s.user_id = u.id', [], ['users', 'user_scopes'])).toEqual(['user_scopes']);
    expect(foreignNames('users.manage', ['ev_'], ['users'])).toEqual([]);
    expect(foreignNames('persons', [], ['persons'])).toEqual([]);
  });

  it.each(moduleIds)('%s', (moduleId) => {
    expect(violations(moduleId)).toEqual([]);
  });
});
