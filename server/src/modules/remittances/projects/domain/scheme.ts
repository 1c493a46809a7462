import { hasAtMostTwoDecimals, toHundredths } from './money.js';
import type { Problem } from './problems.js';

/**
 * A funding scheme is data (docs/api.md): the parties that co-fund, and per project type the
 * share each party puts in and the largest budget a project may have. These are the rules zod cannot express.
 */

export const PROJECT_TYPES = ['infrastructure', 'productive', 'social', 'education'] as const;
export type ProjectType = (typeof PROJECT_TYPES)[number];

export interface SchemeParty {
  key: string;
  name_es: string;
  name_en: string;
}
export interface SchemeRule {
  project_type: ProjectType;
  max_budget: number;
  shares: Record<string, number>;
}
export interface SchemeCriterion {
  key: string;
  name_es: string;
  name_en: string;
  weight: number;
}
export interface SchemeDefinition {
  parties: SchemeParty[];
  rules: SchemeRule[];
  criteria: SchemeCriterion[];
}

function duplicates<T>(items: readonly T[], keyOf: (item: T) => string, path: (i: number) => string, key: Problem['key']): Problem[] {
  const seen = new Set<string>();
  return items.flatMap((item, i) => {
    const k = keyOf(item);
    if (seen.has(k)) return [{ path: path(i), key, params: { value: k } }];
    seen.add(k);
    return [];
  });
}

/** Every broken rule of a scheme (empty when it is sound). Shares are compared in hundredths of a point. */
export function schemeProblems(scheme: SchemeDefinition): Problem[] {
  const problems: Problem[] = [
    ...duplicates(scheme.parties, (p) => p.key, (i) => `parties.${i}.key`, 'duplicate_key'),
    ...duplicates(scheme.criteria, (c) => c.key, (i) => `criteria.${i}.key`, 'duplicate_key'),
    ...duplicates(scheme.rules, (r) => r.project_type, (i) => `rules.${i}.project_type`, 'duplicate_project_type'),
  ];
  const parties = new Set(scheme.parties.map((p) => p.key));
  scheme.rules.forEach((rule, i) => {
    if (!(rule.max_budget > 0)) problems.push({ path: `rules.${i}.max_budget`, key: 'cap_not_positive' });
    else if (!hasAtMostTwoDecimals(rule.max_budget)) problems.push({ path: `rules.${i}.max_budget`, key: 'too_many_decimals' });
    let sum = 0;
    let sharesReadable = true;
    for (const [party, pct] of Object.entries(rule.shares)) {
      const path = `rules.${i}.shares.${party}`;
      if (!parties.has(party)) problems.push({ path, key: 'share_unknown_party', params: { value: party } });
      if (!(pct > 0)) problems.push({ path, key: 'share_not_positive' });
      else if (!hasAtMostTwoDecimals(pct)) {
        problems.push({ path, key: 'too_many_decimals' });
        sharesReadable = false;
      }
      sum += toHundredths(pct);
    }
    if (sharesReadable && sum !== 10_000) problems.push({ path: `rules.${i}.shares`, key: 'shares_sum', params: { sum: sum / 100 } });
  });
  scheme.criteria.forEach((c, i) => {
    if (!(c.weight > 0)) problems.push({ path: `criteria.${i}.weight`, key: 'weight_not_positive' });
  });
  return problems;
}

/** The rule a project of this type falls under, with its shares in the order of the scheme's parties. */
export function ruleFor(scheme: SchemeDefinition, type: string): { rule: SchemeRule; shares: { party: string; pct: number }[] } | null {
  const rule = scheme.rules.find((r) => r.project_type === type);
  if (!rule) return null;
  const shares = scheme.parties.filter((p) => rule.shares[p.key] !== undefined).map((p) => ({ party: p.key, pct: rule.shares[p.key]! }));
  return { rule, shares };
}

/** Problems of a proposed budget against the scheme: a type the scheme lacks, a budget above the cap. */
export function budgetProblems(scheme: SchemeDefinition, type: string, budget: number): Problem[] {
  const found = ruleFor(scheme, type);
  if (!found) return [{ path: 'project_type', key: 'type_not_in_scheme', params: { value: type } }];
  if (Math.round(budget * 100) > Math.round(found.rule.max_budget * 100)) return [{ path: 'budget', key: 'budget_above_cap', params: { max: found.rule.max_budget } }];
  return [];
}
