/**
 * The one message formatter of the platform, used by the server and (through an alias) by the web.
 *
 * Templates are a small subset of ICU MessageFormat:
 * - `{name}` puts a parameter in;
 * - `{count, plural, =0 {ningún caso} one {# caso} other {# casos}}` picks a branch by `Intl.PluralRules` of the
 *   locale (exact `=N` branches first); `#` in the branch is the number formatted for the locale.
 * A parameter that is missing stays visible as `{name}`, so a broken template shows in review instead of vanishing.
 * Pure and dependency-free: no I/O, no catalogue lookup.
 */
export type MessageParams = Readonly<Record<string, string | number>>;

const pluralRules = new Map<string, Intl.PluralRules>();
function pluralCategory(locale: string, n: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  return rules.select(n);
}

/** Index of the `}` closing the `{` at `open`, counting nested braces. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** Branches of a plural argument: `one {...} other {...}` -> Map('one' -> '...'). */
function pluralBranches(body: string): Map<string, string> {
  const branches = new Map<string, string>();
  let i = 0;
  while (i < body.length) {
    const open = body.indexOf('{', i);
    if (open < 0) break;
    const selector = body.slice(i, open).trim();
    const close = closingBrace(body, open);
    if (close < 0 || !selector) break;
    branches.set(selector, body.slice(open + 1, close));
    i = close + 1;
  }
  return branches;
}

export function formatMessage(locale: string, template: string, params: MessageParams = {}): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) {
      out += template.slice(i);
      break;
    }
    out += template.slice(i, open);
    const close = closingBrace(template, open);
    if (close < 0) {
      out += template.slice(open);
      break;
    }
    const inner = template.slice(open + 1, close);
    const plural = /^\s*(\w+)\s*,\s*plural\s*,([\s\S]*)$/.exec(inner);
    if (plural) {
      const [, name = '', body = ''] = plural;
      const value = params[name];
      const n = typeof value === 'number' ? value : Number(value);
      if (value === undefined || Number.isNaN(n)) out += `{${name}}`;
      else {
        const branches = pluralBranches(body);
        const branch = branches.get(`=${n}`) ?? branches.get(pluralCategory(locale, n)) ?? branches.get('other') ?? '';
        out += formatMessage(locale, branch.replace(/#/g, new Intl.NumberFormat(locale).format(n)), params);
      }
    } else {
      const name = inner.trim();
      const value = params[name];
      out += value === undefined ? `{${name}}` : typeof value === 'number' ? String(value) : value;
    }
    i = close + 1;
  }
  return out;
}
