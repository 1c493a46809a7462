import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowedActions, mayTake, PROJECT_ACTIONS, PROJECT_STATUSES, statusesFor, transition, type ProjectAction, type ProjectStanding, type ProjectStatus, type StepOutcome } from './lifecycle.js';
import { investmentSummary } from './investment.js';
import { contributionProblems, replayOf, withContribution, type Commitment } from './ledger.js';
import { splitByShares, toCents } from './money.js';
import { checkReport, closable, quarterIndex } from './progress.js';
import { budgetProblems, schemeProblems, type SchemeDefinition } from './scheme.js';
import { belowThreshold, meanScore, sheetProblems, weightedScore } from './scoring.js';

/** The rules of co-funded projects, apart from any I/O: property tests where a rule holds for every input. */

const status = fc.constantFrom(...PROJECT_STATUSES);
const action = fc.constantFrom(...PROJECT_ACTIONS);
const standing = fc.record({ member: fc.boolean(), manager: fc.boolean(), scorer: fc.boolean(), decider: fc.boolean() });
const outcomeOf = (a: ProjectAction, flag: boolean): StepOutcome =>
  a === 'check' ? { action: a, complete: flag } : a === 'decide' ? { action: a, approved: flag } : ({ action: a } as StepOutcome);

describe('lifecycle', () => {
  it('refuses every step from a status it does not start from, naming the current status', () => {
    fc.assert(
      fc.property(status, action, fc.boolean(), (s, a, flag) => {
        const t = transition(s, outcomeOf(a, flag));
        expect(t.ok).toBe(statusesFor(a).includes(s));
        if (!t.ok) expect(t.current).toBe(s);
      }),
    );
  });

  it('never leaves a final status', () => {
    fc.assert(
      fc.property(fc.constantFrom<ProjectStatus>('rejected', 'closed'), action, fc.boolean(), (s, a, flag) => {
        expect(transition(s, outcomeOf(a, flag)).ok).toBe(false);
      }),
    );
  });

  it('follows the contract from submission to closure, and back through a return', () => {
    const path: [ProjectStatus, StepOutcome, ProjectStatus][] = [
      ['submitted', { action: 'check', complete: false }, 'returned'],
      ['returned', { action: 'edit' }, 'returned'],
      ['returned', { action: 'resubmit' }, 'submitted'],
      ['submitted', { action: 'check', complete: true }, 'in_review'],
      ['in_review', { action: 'score' }, 'in_review'],
      ['in_review', { action: 'decide', approved: true }, 'approved'],
      ['approved', { action: 'sign' }, 'agreement_signed'],
      ['agreement_signed', { action: 'contribute' }, 'in_execution'],
      ['in_execution', { action: 'contribute' }, 'in_execution'],
      ['in_execution', { action: 'report' }, 'in_execution'],
      ['in_execution', { action: 'close' }, 'closed'],
    ];
    for (const [from, step, to] of path) expect(transition(from, step)).toEqual({ ok: true, status: to });
    expect(transition('in_review', { action: 'decide', approved: false })).toEqual({ ok: true, status: 'rejected' });
  });

  it('offers only actions whose status, role and conditions all hold', () => {
    fc.assert(
      fc.property(standing, status, fc.nat(3), fc.option(fc.integer({ min: 0, max: 100 })), fc.boolean(), (who, s, sheets, pct, toReceive) => {
        const allowed = allowedActions(who, { status: s, scoreSheets: sheets, lastPhysicalPct: pct, somethingToReceive: toReceive });
        for (const a of allowed) {
          expect(statusesFor(a)).toContain(s);
          expect(mayTake(a, who)).toBe(true);
        }
        if (allowed.includes('decide')) expect(sheets).toBeGreaterThan(0);
        if (allowed.includes('close')) expect(pct).toBe(100);
      }),
    );
  });

  it('gives each role its own steps', () => {
    const none: ProjectStanding = { member: false, manager: false, scorer: false, decider: false };
    const facts = (s: ProjectStatus) => ({ status: s, scoreSheets: 1, lastPhysicalPct: 100, somethingToReceive: true });
    expect(allowedActions({ ...none, member: true }, facts('returned'))).toEqual(['edit', 'resubmit']);
    expect(allowedActions({ ...none, manager: true }, facts('submitted'))).toEqual(['check']);
    expect(allowedActions({ ...none, scorer: true }, facts('in_review'))).toEqual(['score']);
    expect(allowedActions({ ...none, decider: true }, facts('in_review'))).toEqual(['decide']);
    expect(allowedActions({ ...none, member: true }, facts('in_execution'))).toEqual(['report']);
    expect(allowedActions({ ...none, manager: true }, facts('in_execution'))).toEqual(['contribute', 'report', 'close']);
    expect(allowedActions(none, facts('in_review'))).toEqual([]);
  });
});

/** Shares in hundredths that add up to exactly 100 %, over 1 to 6 parties. */
const sharesSumming100 = fc.array(fc.integer({ min: 1, max: 10_000 }), { minLength: 1, maxLength: 6 }).map((weights) => {
  const total = weights.reduce((a, b) => a + b, 0);
  const hundredths = weights.map((w) => Math.max(1, Math.floor((w * 10_000) / total)));
  hundredths[hundredths.length - 1]! += 10_000 - hundredths.reduce((a, b) => a + b, 0);
  return hundredths.filter((h) => h > 0).map((h, i) => ({ party: `p_${'abcdef'[i]}`, pct: h / 100 }));
});

const schemeWith = (shares: { party: string; pct: number }[], extra: Partial<SchemeDefinition> = {}): SchemeDefinition => ({
  parties: shares.map((s) => ({ key: s.party, name_es: s.party, name_en: s.party })),
  rules: [{ project_type: 'infrastructure', max_budget: 1_000_000, shares: Object.fromEntries(shares.map((s) => [s.party, s.pct])) }],
  criteria: [{ key: 'benefit', name_es: 'b', name_en: 'b', weight: 1 }],
  ...extra,
});

describe('scheme', () => {
  it('accepts shares that sum to exactly 100 %, decimals included', () => {
    fc.assert(
      fc.property(sharesSumming100, (shares) => {
        expect(schemeProblems(schemeWith(shares))).toEqual([]);
      }),
    );
    expect(schemeProblems(schemeWith([{ party: 'aa', pct: 33.33 }, { party: 'bb', pct: 33.33 }, { party: 'cc', pct: 33.34 }]))).toEqual([]);
  });

  it('refuses shares off by as little as a hundredth of a point, on the rule\'s shares', () => {
    fc.assert(
      fc.property(sharesSumming100, fc.integer({ min: -50, max: 50 }).filter((d) => d !== 0), (shares, delta) => {
        const last = shares[shares.length - 1]!;
        const pct = Math.round(last.pct * 100 + delta) / 100;
        fc.pre(pct > 0);
        const problems = schemeProblems(schemeWith([...shares.slice(0, -1), { ...last, pct }]));
        expect(problems).toContainEqual({ path: 'rules.0.shares', key: 'shares_sum', params: { sum: (10_000 + delta) / 100 } });
      }),
    );
  });

  it('names unknown parties, repeated keys, and caps and weights that are not positive', () => {
    const scheme = schemeWith([{ party: 'aa', pct: 50 }, { party: 'aa', pct: 50 }]);
    expect(schemeProblems(scheme)).toContainEqual({ path: 'parties.1.key', key: 'duplicate_key', params: { value: 'aa' } });
    const bad = schemeWith([{ party: 'aa', pct: 100 }], {
      rules: [{ project_type: 'social', max_budget: 0, shares: { aa: 60, zz: 40 } }, { project_type: 'social', max_budget: 5, shares: { aa: 100.001 } }],
      criteria: [{ key: 'c', name_es: '', name_en: '', weight: 0 }, { key: 'c', name_es: '', name_en: '', weight: 1 }],
    });
    expect(schemeProblems(bad).map((p) => `${p.path}:${p.key}`)).toEqual([
      'criteria.1.key:duplicate_key',
      'rules.1.project_type:duplicate_project_type',
      'rules.0.max_budget:cap_not_positive',
      'rules.0.shares.zz:share_unknown_party',
      'rules.1.shares.aa:too_many_decimals',
      'criteria.0.weight:weight_not_positive',
    ]);
  });

  it('enforces the cap of the project type, and refuses a type the scheme lacks', () => {
    const scheme = schemeWith([{ party: 'aa', pct: 100 }]);
    expect(budgetProblems(scheme, 'infrastructure', 1_000_000)).toEqual([]);
    expect(budgetProblems(scheme, 'infrastructure', 1_000_000.01)).toEqual([{ path: 'budget', key: 'budget_above_cap', params: { max: 1_000_000 } }]);
    expect(budgetProblems(scheme, 'productive', 10)).toEqual([{ path: 'project_type', key: 'type_not_in_scheme', params: { value: 'productive' } }]);
  });
});

describe('commitments', () => {
  it('split the budget in cents that always add up to it, each part within a cent of its share but the last', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999_999_999_999 }), sharesSumming100, (budget, shares) => {
        const parts = splitByShares(budget, shares);
        expect(parts.reduce((a, p) => a + p.committed, 0)).toBe(budget);
        parts.slice(0, -1).forEach((p, i) => {
          const exact = (budget * Math.round(shares[i]!.pct * 100)) / 10_000;
          expect(p.committed).toBeLessThanOrEqual(Math.ceil(exact));
          expect(p.committed).toBeGreaterThanOrEqual(Math.floor(exact) - 1);
        });
        expect(parts.every((p) => p.committed >= 0)).toBe(true);
      }),
    );
  });

  it('gives the rounding remainder to the last party', () => {
    const parts = splitByShares(toCents(100_000.03), ['a', 'b', 'c', 'd'].map((party) => ({ party, pct: 25 })));
    expect(parts.map((p) => p.committed)).toEqual([2_500_000, 2_500_000, 2_500_000, 2_500_003]);
  });
});

describe('ledger', () => {
  const commitment = fc.record({ party: fc.constant('federal'), committed: fc.integer({ min: 0, max: 1e11 }), received: fc.constant(0) });

  it('never lets a sequence of accepted contributions take a party beyond its commitment', () => {
    fc.assert(
      fc.property(commitment, fc.array(fc.integer({ min: 1, max: 1e10 }), { maxLength: 30 }), (c, amounts) => {
        let ledger: Commitment[] = [c];
        for (const amount of amounts) {
          const problems = contributionProblems(ledger, { party: 'federal', amount });
          const remaining = ledger[0]!.committed - ledger[0]!.received;
          expect(problems.length === 0).toBe(amount <= remaining);
          if (problems.length === 0) ledger = withContribution(ledger, { party: 'federal', amount });
          else expect(problems[0]).toMatchObject({ path: 'amount', key: 'contribution_beyond_commitment', params: { party: 'federal', remaining: remaining / 100 } });
          expect(ledger[0]!.received).toBeLessThanOrEqual(ledger[0]!.committed);
        }
      }),
    );
  });

  it('refuses a party that is not in the commitments', () => {
    expect(contributionProblems([{ party: 'federal', committed: 10, received: 0 }], { party: 'state', amount: 1 })).toEqual([{ path: 'party', key: 'contribution_unknown_party', params: { value: 'state' } }]);
  });

  it('treats the same key with the same content as a replay, and any difference as a conflict', () => {
    const entry = fc.record({ party: fc.constantFrom('federal', 'state'), amount: fc.integer({ min: 1, max: 1e9 }), received_on: fc.constantFrom('2026-01-02', '2026-01-03'), reference: fc.constantFrom('T-1', 'T-2') });
    fc.assert(
      fc.property(entry, entry, (a, b) => {
        expect(replayOf(a, { ...a })).toBe('replay');
        const same = a.party === b.party && a.amount === b.amount && a.received_on === b.received_on && a.reference === b.reference;
        expect(replayOf(a, b)).toBe(same ? 'replay' : 'conflict');
      }),
    );
  });
});

describe('scoring', () => {
  const criteria = [
    { key: 'benefit', weight: 3 },
    { key: 'feasibility', weight: 2 },
    { key: 'upkeep', weight: 1 },
  ];
  const sheet = fc.tuple(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 })).map((s) => criteria.map((c, i) => ({ criterion: c.key, score: s[i]! })));

  it('weights each criterion, stays within 0–10 and equals the score when all scores agree', () => {
    fc.assert(
      fc.property(sheet, fc.integer({ min: 0, max: 10 }), (scores, same) => {
        const w = weightedScore(criteria, scores);
        expect(w).toBeGreaterThanOrEqual(0);
        expect(w).toBeLessThanOrEqual(10);
        expect(weightedScore(criteria, criteria.map((c) => ({ criterion: c.key, score: same })))).toBe(same);
      }),
    );
    expect(weightedScore(criteria, [{ criterion: 'benefit', score: 10 }, { criterion: 'feasibility', score: 5 }, { criterion: 'upkeep', score: 0 }])).toBe(6.67);
  });

  it('averages the sheets and compares with the threshold', () => {
    expect(meanScore([])).toBeNull();
    expect(meanScore([6.67, 8])).toBe(7.34);
    expect(belowThreshold(5.99, 6)).toBe(true);
    expect(belowThreshold(6, 6)).toBe(false);
    expect(belowThreshold(null, 6)).toBe(false);
  });

  it('wants every criterion exactly once', () => {
    expect(sheetProblems(criteria, [{ criterion: 'benefit', score: 1 }, { criterion: 'benefit', score: 2 }, { criterion: 'nope', score: 3 }])).toEqual([
      { path: 'scores.1.criterion', key: 'criterion_repeated', params: { value: 'benefit' } },
      { path: 'scores.2.criterion', key: 'criterion_unknown', params: { value: 'nope' } },
      { path: 'scores', key: 'criterion_missing', params: { value: 'feasibility' } },
      { path: 'scores', key: 'criterion_missing', params: { value: 'upkeep' } },
    ]);
  });
});

describe('progress', () => {
  const today = new Date('2026-11-28T00:00:00Z');
  const quarters = fc.uniqueArray(fc.integer({ min: 2020 * 4, max: 2026 * 4 + 3 }), { minLength: 1, maxLength: 12 }).map((xs) => xs.sort((a, b) => a - b).map((x) => `${Math.floor(x / 4)}Q${(x % 4) + 1}`));

  it('keeps physical progress and spending monotonic, spending within what was received, one report per quarter', () => {
    fc.assert(
      fc.property(quarters, fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 12, maxLength: 12 }), fc.array(fc.integer({ min: 0, max: 1e6 }), { minLength: 12, maxLength: 12 }), fc.integer({ min: 0, max: 1e6 }), (periods, pcts, spends, received) => {
        const accepted: { period: string; physical_pct: number; spent: number }[] = [];
        periods.forEach((period, i) => {
          const report = { period, physical_pct: pcts[i]!, spent: spends[i]! };
          if (checkReport(accepted, report, received, today).ok) accepted.push(report);
        });
        for (let i = 1; i < accepted.length; i++) {
          expect(accepted[i]!.physical_pct).toBeGreaterThanOrEqual(accepted[i - 1]!.physical_pct);
          expect(accepted[i]!.spent).toBeGreaterThanOrEqual(accepted[i - 1]!.spent);
          expect(quarterIndex(accepted[i]!.period)!).toBeGreaterThan(quarterIndex(accepted[i - 1]!.period)!);
        }
        for (const r of accepted) {
          expect(r.spent).toBeLessThanOrEqual(received);
          expect(checkReport(accepted, r, received, today)).toEqual({ ok: false, alreadyReported: true });
        }
      }),
    );
  });

  it('names each broken rule on its field', () => {
    const earlier = [{ period: '2026Q2', physical_pct: 40, spent: 50_000 }];
    const check = checkReport(earlier, { period: '2026Q1', physical_pct: 30, spent: 40_000 }, 30_000, today);
    expect(check.ok === false && !check.alreadyReported && check.problems.map((p) => `${p.path}:${p.key}`)).toEqual([
      'period:period_before_last',
      'physical_pct:physical_pct_decreases',
      'spent:spent_decreases',
      'spent:spent_above_received',
    ]);
    const future = checkReport([], { period: '2027Q1', physical_pct: 0, spent: 0 }, 0, today);
    expect(future.ok === false && !future.alreadyReported && future.problems[0]!.key).toBe('period_in_future');
  });

  it('closes only when the latest report is at 100 %', () => {
    expect(closable([])).toBe(false);
    expect(closable([{ period: '2026Q1', physical_pct: 100, spent: 1 }, { period: '2025Q4', physical_pct: 90, spent: 1 }])).toBe(true);
    expect(closable([{ period: '2026Q1', physical_pct: 99.99, spent: 1 }])).toBe(false);
  });
});

describe('investment', () => {
  const project = (id: string, place: string, currency: string, parties: [string, number, number][], coords = true) => ({
    id,
    reference: `P-2026-${id}`,
    title: id,
    status: 'in_execution',
    currency,
    orgUnitCode: place,
    orgUnitName: place,
    latitude: coords ? 14.6 : null,
    longitude: coords ? -90.5 : null,
    beneficiaries: 100,
    parties: parties.map(([party, committed, received]) => ({ party, name_es: party, name_en: party, committed, received })),
  });

  it('adds up by locality and by party within a currency, never across currencies', () => {
    const summary = investmentSummary([
      project('1', 'GT0101', 'GTQ', [['federal', 50_000, 10_000], ['association', 50_001, 0]]),
      project('2', 'GT0101', 'GTQ', [['federal', 1_000, 1_000]], false),
      project('3', 'GT0101', 'MXN', [['federal', 7_00, 0]]),
    ]);
    expect(summary.currency_totals).toEqual([
      { currency: 'GTQ', committed: 1_010.01, received: 110 },
      { currency: 'MXN', committed: 7, received: 0 },
    ]);
    expect(summary.by_party.map((x) => [x.party, x.currency, x.committed])).toEqual([
      ['federal', 'GTQ', 510],
      ['association', 'GTQ', 500.01],
      ['federal', 'MXN', 7],
    ]);
    expect(summary.by_locality.map((x) => [x.org_unit_code, x.currency, x.projects, x.beneficiaries])).toEqual([
      ['GT0101', 'GTQ', 2, 200],
      ['GT0101', 'MXN', 1, 100],
    ]);
    expect(summary.points.map((x) => x.project_id)).toEqual(['1', '3']);
  });
});
