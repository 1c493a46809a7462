import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allowedActions, canFollowCase, CASE_ACTIONS, CASE_STATUSES, planDueDate, statusesFor, transition, verbFor, type CaseAction, type CaseStatus } from './lifecycle.js';
import { isOverdue } from './overdue.js';
import { DEFAULT_GRID, defaultGridEntries, NEED_CODES, proposeActivities, repeatedEntries, RESPONSES, type GridEntry } from './grid.js';
import { referralBasis } from './referral.js';
import { assessmentInput, countryOfPath } from './assessments.js';

const status = fc.constantFrom(...CASE_STATUSES);
const action = fc.constantFrom(...CASE_ACTIONS);
const verbs = fc.subarray(['cases.read', 'cases.write', 'cases.supervise', 'cases.protected', 'consent.override']).map((v) => new Set<string>(v));

describe('case lifecycle', () => {
  it('walks the happy path from registration to closure', () => {
    const path: [CaseAction, CaseStatus][] = [
      ['plan', 'planning'],
      ['submit_plan', 'plan_submitted'],
      ['return_plan', 'planning'],
      ['submit_plan', 'plan_submitted'],
      ['approve_plan', 'active'],
      ['request_closure', 'closure_requested'],
      ['refuse_closure', 'active'],
      ['request_closure', 'closure_requested'],
      ['approve_closure', 'closed'],
    ];
    let current: CaseStatus = 'registered';
    for (const [a, expected] of path) {
      const t = transition(current, a);
      expect(t, `${a} from ${current}`).toEqual({ ok: true, status: expected, changed: expected !== current });
      current = expected;
    }
  });

  it('property: a step is taken exactly from the statuses it lists, and a refusal names the current status', () => {
    fc.assert(
      fc.property(status, action, (s, a) => {
        const t = transition(s, a);
        expect(t.ok).toBe(statusesFor(a).includes(s));
        if (!t.ok) expect(t.current).toBe(s);
      }),
    );
  });

  it('property: a closed case takes no action, and every reachable status is reached only through the table', () => {
    fc.assert(
      fc.property(fc.array(action, { maxLength: 40 }), (actions) => {
        let current: CaseStatus = 'registered';
        let approvedPlan = false;
        for (const a of actions) {
          const t = transition(current, a);
          if (current === 'closed') expect(t.ok).toBe(false);
          if (!t.ok) continue;
          if (a === 'approve_plan') approvedPlan = true;
          current = t.status;
          // Nothing is active or beyond without a supervisor's approval of the plan.
          if (['active', 'closure_requested', 'closed'].includes(current)) expect(approvedPlan).toBe(true);
        }
      }),
    );
  });

  it('property: allowed actions are exactly the steps open from the status for which the user holds the verb', () => {
    fc.assert(
      fc.property(status, verbs, (s, held) => {
        const allowed = allowedActions(s, held);
        for (const a of CASE_ACTIONS) expect(allowed.includes(a), `${a} in ${s}`).toBe(transition(s, a).ok && held.has(verbFor(a)));
      }),
    );
  });

  it('gives approvals and closure decisions to supervisors only', () => {
    for (const a of ['approve_plan', 'return_plan', 'approve_closure', 'refuse_closure', 'reassign'] as const) expect(verbFor(a)).toBe('cases.supervise');
    expect(allowedActions('plan_submitted', new Set(['cases.read', 'cases.write']))).not.toContain('approve_plan');
    expect(allowedActions('plan_submitted', new Set(['cases.supervise']))).toEqual(['approve_plan', 'return_plan', 'reassign']);
  });

  it('takes a partner’s response and outcome while closure is requested, but no new referral', () => {
    expect(transition('closure_requested', 'referral_update').ok).toBe(true);
    expect(transition('closure_requested', 'refer').ok).toBe(false);
    expect(transition('closed', 'referral_update').ok).toBe(false);
  });

  it('hands a case only to a user who writes cases in a capture scope covering it', () => {
    expect(canFollowCase(['cases.read', 'cases.write'], ['/001/419/GTM/'], '/001/419/GTM/GT-01/')).toBe(true);
    expect(canFollowCase(['cases.read'], ['/001/419/GTM/'], '/001/419/GTM/')).toBe(false);
    expect(canFollowCase(['cases.write'], ['/001/419/HND/'], '/001/419/GTM/')).toBe(false);
    expect(canFollowCase(['cases.write'], [], '/001/419/GTM/')).toBe(false);
    expect(transition('closed', 'reassign').ok).toBe(false);
  });

  it('makes the plan due 30 days after arrival, across months and leap years', () => {
    expect(planDueDate('2026-01-15')).toBe('2026-02-14');
    expect(planDueDate('2028-02-10')).toBe('2028-03-11');
    expect(planDueDate('2026-12-20')).toBe('2027-01-19');
  });

  it('property: overdue means past the due date without an approved plan', () => {
    const day = fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(status, day, day, (s, arrival, today) => {
        const due = planDueDate(arrival);
        const overdue = isOverdue(s, due, today);
        if (today <= due || ['active', 'closure_requested', 'closed'].includes(s)) expect(overdue).toBe(false);
        else expect(overdue).toBe(true);
      }),
    );
  });
});

describe('response grid', () => {
  it('proposes job placement, business support and vocational training for no income, financial education and savings groups for debt', () => {
    const proposals = proposeActivities(['no_income', 'debt'], defaultGridEntries());
    expect(proposals.slice(0, 3)).toEqual([
      { need: 'no_income', response: 'job_placement' },
      { need: 'no_income', response: 'business_support' },
      { need: 'no_income', response: 'vocational_training' },
    ]);
    expect(proposals.filter((p) => p.need === 'debt').map((p) => p.response)).toEqual(['financial_education', 'savings_group', 'debt_counselling']);
  });

  it('has a default response for every need, each pair once', () => {
    for (const need of NEED_CODES) expect(DEFAULT_GRID[need].length).toBeGreaterThan(0);
    expect(repeatedEntries(defaultGridEntries())).toEqual([]);
    expect(repeatedEntries([{ need: 'debt', response: 'savings_group' }, { need: 'health', response: 'medical_care' }, { need: 'debt', response: 'savings_group' }])).toEqual([2]);
  });

  it('property: proposals come from the grid for the assessed needs, skip what is planned, never repeat a response', () => {
    const entry = fc.record({ need: fc.constantFrom(...NEED_CODES), response: fc.constantFrom(...RESPONSES) });
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...NEED_CODES)), fc.array(entry, { maxLength: 60 }), fc.array(entry, { maxLength: 10 }), (needs, grid, planned) => {
        const proposals = proposeActivities(needs, grid, planned);
        const key = (e: GridEntry) => `${e.need}:${e.response}`;
        for (const p of proposals) {
          expect(needs).toContain(p.need);
          expect(grid.map(key)).toContain(key(p));
          expect(planned.map(key)).not.toContain(key(p));
        }
        expect(new Set(proposals.map((p) => p.response)).size).toBe(proposals.length);
        // Completeness: every grid response for an assessed need is proposed, planned, or proposed for an earlier need.
        for (const e of grid) {
          if (!needs.includes(e.need) || planned.some((p) => key(p) === key(e))) continue;
          expect(proposals.some((p) => p.response === e.response)).toBe(true);
        }
      }),
    );
  });
});

describe('referral consent gate', () => {
  const at = new Date('2026-06-01T12:00:00Z');
  const sharing = (partner: string, givenAt: string, withdrawnAt: string | null = null) => ({ id: `c-${partner}-${givenAt}`, purpose: 'sharing' as const, partner, givenAt: new Date(givenAt), withdrawnAt: withdrawnAt ? new Date(withdrawnAt) : null });

  it('refers on a sharing consent given for that partner, before and not withdrawn', () => {
    const consents = [sharing('Fundación Avanza', '2026-05-01')];
    expect(referralBasis(consents, { partner: 'fundacion  avanza', at, holdsOverride: false })).toEqual({ allowed: true, basis: 'consent', consentId: consents[0]!.id });
    expect(referralBasis(consents, { partner: 'Otra ONG', at, holdsOverride: false })).toEqual({ allowed: false, why: 'no_consent' });
    expect(referralBasis([sharing('Fundación Avanza', '2026-05-01', '2026-05-20')], { partner: 'Fundación Avanza', at, holdsOverride: false }).allowed).toBe(false);
    expect(referralBasis([sharing('Fundación Avanza', '2026-07-01')], { partner: 'Fundación Avanza', at, holdsOverride: false }).allowed).toBe(false);
    expect(referralBasis([{ ...sharing('x', '2026-05-01'), purpose: 'follow_up' as const, partner: null }], { partner: 'x', at, holdsOverride: true }).allowed).toBe(false);
  });

  it('lets only a holder of consent.override refer without consent, and only with a reason', () => {
    expect(referralBasis([], { partner: 'Casa Refugio', at, holdsOverride: true, overrideReason: '   ' })).toEqual({ allowed: false, why: 'no_consent' });
    expect(referralBasis([], { partner: 'Casa Refugio', at, holdsOverride: false, overrideReason: 'Riesgo para su vida' })).toEqual({ allowed: false, why: 'override_not_permitted' });
    expect(referralBasis([], { partner: 'Casa Refugio', at, holdsOverride: true, overrideReason: ' Riesgo para su vida ' })).toEqual({ allowed: true, basis: 'override', reason: 'Riesgo para su vida' });
  });

  it('property: with a covering consent the basis is always consent, override or not', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.option(fc.string()), (holds, reason) => {
        const r = referralBasis([sharing('P', '2026-01-01')], { partner: 'P', at, holdsOverride: holds, overrideReason: reason });
        expect(r).toMatchObject({ allowed: true, basis: 'consent' });
      }),
    );
  });
});

describe('assessments', () => {
  it('validates the answers of each kind and names the failing field', () => {
    expect(assessmentInput.safeParse({ kind: 'needs', answers: { needs: [{ need: 'no_income', priority: 'high' }] } }).success).toBe(true);
    const bad = assessmentInput.safeParse({ kind: 'skills', answers: { occupation: 'Soldador', years: -1, certificates: [], languages: ['en'], wants_recognition: true } });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.path).toEqual(['answers', 'years']);
    expect(assessmentInput.safeParse({ kind: 'needs', answers: { needs: [{ need: 'no_income', priority: 'high' }], extra: 1 } }).success).toBe(false);
  });

  it('finds the country of an org unit path', () => {
    expect(countryOfPath('/001/019/419/013/GTM/GT01/GT0101/')).toBe('GTM');
    expect(countryOfPath('/001/019/419/')).toBeNull();
  });
});
