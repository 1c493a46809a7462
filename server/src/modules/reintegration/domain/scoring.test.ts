import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allowedActions, statusesFor } from './lifecycle.js';
import { DIMENSIONS, itemsOf, jsonPath, localText, parseInstrument, type InstrumentDefinition } from './instrument.js';
import { occasionRefusal, rawScores, scoreAnswers, scoreChange, type Answers, type DatedScore } from './scoring.js';
import bundled from '../instruments/mide-sustainability-1.json' with { type: 'json' };

const text = (s: string) => ({ es: s, en: s });

/** Instruments of any shape the schema allows: 1–6 items per dimension, 2–5 options each, weights and scores arbitrary. */
const instrument = fc
  .tuple(
    fc.double({ min: 0, max: 1, noNaN: true }),
    ...DIMENSIONS.map(() =>
      fc.record({
        weight: fc.double({ min: 0.01, max: 100, noNaN: true }),
        items: fc.array(fc.record({ weight: fc.double({ min: 0.01, max: 100, noNaN: true }), scores: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 5 }) }), { minLength: 1, maxLength: 6 }),
      }),
    ),
  )
  .map(([threshold, ...dims]): InstrumentDefinition => ({
    code: 'test',
    version: '1',
    name: text('Test'),
    threshold,
    dimensions: dims.map((d, i) => ({
      code: DIMENSIONS[i]!,
      weight: d.weight,
      items: d.items.map((item, j) => ({ code: `${DIMENSIONS[i]}_${j}`, weight: item.weight, question: text('?'), options: item.scores.map((score, k) => ({ code: `o${k}`, score, label: text(String(k)) })) })),
    })),
  }));

/** An instrument with a complete set of answers (one option drawn per item). */
const answered = instrument.chain((def) => fc.tuple(fc.constant(def), fc.tuple(...itemsOf(def).map((item) => fc.nat(item.options.length - 1))).map((picks) => Object.fromEntries(itemsOf(def).map((item, i) => [item.code, item.options[picks[i]!]!.code])) as Answers)));

const pick = (def: InstrumentDefinition, choose: (scores: number[]) => number): Answers =>
  Object.fromEntries(itemsOf(def).map((item) => [item.code, item.options.find((o) => o.score === choose(item.options.map((x) => x.score)))!.code]));

function raw(def: InstrumentDefinition, answers: Answers) {
  const r = rawScores(def, answers);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r;
}

describe('sustainability scoring', () => {
  it('property: every score lies in [0, 1], and sustainable means composite ≥ threshold', () => {
    fc.assert(
      fc.property(answered, ([def, answers]) => {
        const r = scoreAnswers(def, answers);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        for (const v of [r.scores.economic, r.scores.social, r.scores.psychosocial, r.scores.composite]) {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1);
          expect(Math.round(v * 10_000)).toBeCloseTo(v * 10_000, 6);
        }
        expect(r.scores.sustainable).toBe(r.scores.composite >= def.threshold);
      }),
    );
  });

  it('property: all best answers give 1 and all worst give 0 when every item’s options span 0 to 1', () => {
    const spanning = instrument.map((def) => ({ ...def, dimensions: def.dimensions.map((d) => ({ ...d, items: d.items.map((item) => ({ ...item, options: item.options.map((o, k) => ({ ...o, score: k === 0 ? 0 : k === 1 ? 1 : o.score })) })) })) }));
    fc.assert(
      fc.property(spanning, (def) => {
        const best = scoreAnswers(def, pick(def, (s) => Math.max(...s)));
        const worst = scoreAnswers(def, pick(def, (s) => Math.min(...s)));
        expect(best.ok && worst.ok).toBe(true);
        if (!best.ok || !worst.ok) return;
        expect([best.scores.economic, best.scores.social, best.scores.psychosocial, best.scores.composite]).toEqual([1, 1, 1, 1]);
        expect([worst.scores.economic, worst.scores.social, worst.scores.psychosocial, worst.scores.composite]).toEqual([0, 0, 0, 0]);
        expect(best.scores.sustainable).toBe(true);
      }),
    );
  });

  it('property: the order of items and dimensions does not change the scores', () => {
    fc.assert(
      fc.property(answered, fc.integer(), ([def, answers], seed) => {
        const shuffle = <T>(xs: T[]) => xs.map((x, i) => ({ x, k: Math.sin(seed + i * 7919) })).sort((a, b) => a.k - b.k).map((p) => p.x);
        const permuted: InstrumentDefinition = { ...def, dimensions: shuffle(def.dimensions.map((d) => ({ ...d, items: shuffle(d.items) }))) };
        const a = raw(def, answers);
        const b = raw(permuted, answers);
        for (const d of DIMENSIONS) expect(b.dimensions[d]).toBeCloseTo(a.dimensions[d], 9);
        expect(b.composite).toBeCloseTo(a.composite, 9);
      }),
    );
  });

  it('property: multiplying all weights by a constant does not change the scores', () => {
    fc.assert(
      fc.property(answered, fc.double({ min: 0.001, max: 1000, noNaN: true }), ([def, answers], factor) => {
        const scaled: InstrumentDefinition = { ...def, dimensions: def.dimensions.map((d) => ({ ...d, weight: d.weight * factor, items: d.items.map((item) => ({ ...item, weight: item.weight * factor })) })) };
        const a = raw(def, answers);
        const b = raw(scaled, answers);
        for (const d of DIMENSIONS) expect(b.dimensions[d]).toBeCloseTo(a.dimensions[d], 9);
        expect(b.composite).toBeCloseTo(a.composite, 9);
      }),
    );
  });

  it('property: a dimension’s score never falls when one item’s answer moves to a higher-scored option', () => {
    fc.assert(
      fc.property(answered, fc.nat(), ([def, answers], n) => {
        const items = itemsOf(def);
        const item = items[n % items.length]!;
        const current = item.options.find((o) => o.code === answers[item.code])!;
        const better = item.options.filter((o) => o.score >= current.score);
        const moved = { ...answers, [item.code]: better[n % better.length]!.code };
        const dimension = def.dimensions.find((d) => d.items.includes(item))!.code;
        expect(raw(def, moved).dimensions[dimension]).toBeGreaterThanOrEqual(raw(def, answers).dimensions[dimension] - 1e-12);
        expect(raw(def, moved).composite).toBeGreaterThanOrEqual(raw(def, answers).composite - 1e-12);
      }),
    );
  });

  it('weights items within a dimension and dimensions in the composite', () => {
    const def = parse(bundled);
    const answers = pick(def, (s) => Math.max(...s));
    // The heavier economic items (income, food: weight 2 of 8) at zero, the rest at the top: 1 − 4/8.
    const r = scoreAnswers(def, { ...answers, income_source: 'none', food_security: 'often' });
    expect(r.ok && r.scores).toMatchObject({ economic: 0.5, social: 1, psychosocial: 1, composite: round(2.5 / 3), sustainable: true });
  });

  it('refuses missing, unknown and stray answers, naming the item', () => {
    const def = parse(bundled);
    const answers = pick(def, (s) => Math.min(...s));
    const { income_source: _gone, ...missing } = answers;
    expect(scoreAnswers(def, { ...missing, debt_burden: 'lots', not_a_question: 'x' })).toEqual({
      ok: false,
      problems: [
        { item: 'income_source', why: 'missing' },
        { item: 'debt_burden', why: 'unknown_option' },
        { item: 'not_a_question', why: 'unknown_item' },
      ],
    });
  });
});

const round = (x: number) => Math.round(x * 10_000) / 10_000;

function parse(input: unknown): InstrumentDefinition {
  const parsed = parseInstrument(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems.map((p) => [p.path, p.issue.message])));
  return parsed.definition;
}

describe('the instrument file', () => {
  it('ships mide’s own default set: three dimensions of 5–7 items, four languages, options scored 0 to 1', () => {
    const def = parse(bundled);
    expect(def.code).toBe('mide-sustainability');
    expect(def.name.es).toMatch(/mide/);
    expect(def.dimensions.map((d) => d.code).sort()).toEqual([...DIMENSIONS].sort());
    for (const d of def.dimensions) {
      expect(d.items.length).toBeGreaterThanOrEqual(5);
      expect(d.items.length).toBeLessThanOrEqual(7);
      for (const item of d.items) {
        expect(item.question.pt && item.question.fr).toBeTruthy();
        expect(item.options.every((o) => o.label.pt && o.label.fr)).toBe(true);
        expect(Math.min(...item.options.map((o) => o.score))).toBe(0);
        expect(Math.max(...item.options.map((o) => o.score))).toBe(1);
      }
    }
  });

  it('writes JSON paths the way a reader of the file does', () => {
    expect(jsonPath(['dimensions', 1, 'items', 0, 'options'])).toBe('dimensions[1].items[0].options');
    expect(jsonPath([])).toBe('');
    expect(jsonPath(['threshold'])).toBe('threshold');
  });

  it('property: a definition broken at one place is refused with that place’s JSON path', () => {
    const breakages = fc.oneof(
      fc.record({ kind: fc.constant('options' as const), d: fc.nat(2), i: fc.nat(), k: fc.nat() }),
      fc.record({ kind: fc.constant('score' as const), d: fc.nat(2), i: fc.nat(), k: fc.nat() }),
      fc.record({ kind: fc.constant('item_code' as const), d: fc.nat(2), i: fc.nat(), k: fc.nat() }),
      fc.record({ kind: fc.constant('weight' as const), d: fc.nat(2), i: fc.nat(), k: fc.nat() }),
    );
    fc.assert(
      fc.property(instrument, breakages, (def, b) => {
        const copy = structuredClone(def);
        const d = copy.dimensions[b.d]!;
        const i = b.i % d.items.length;
        const item = d.items[i]!;
        const k = b.k % item.options.length;
        const at = `dimensions[${b.d}].items[${i}]`;
        let expected: string;
        if (b.kind === 'options') {
          item.options = item.options.slice(0, 1);
          expected = `${at}.options`;
        } else if (b.kind === 'score') {
          item.options[k]!.score = 1.5;
          expected = `${at}.options[${k}].score`;
        } else if (b.kind === 'item_code') {
          // A code used by an earlier item of the instrument: the later one is named.
          const first = copy.dimensions[0]!.items[0]!;
          if (first === item) return;
          item.code = first.code;
          expected = `${at}.code`;
        } else {
          item.weight = 0;
          expected = `${at}.weight`;
        }
        const parsed = parseInstrument(copy);
        expect(parsed.ok).toBe(false);
        if (!parsed.ok) expect(parsed.problems.map((p) => p.path)).toContain(expected);
      }),
    );
  });

  it('refuses a dimension twice, an option code twice and unknown fields, each at its path', () => {
    const def = parse(bundled);
    const twice = structuredClone(def);
    twice.dimensions[2]!.code = 'economic';
    const parsed = parseInstrument(twice);
    expect(!parsed.ok && parsed.problems.map((p) => [p.path, p.issue.code === 'custom' && p.issue.params?.rule])).toEqual([['dimensions[2].code', 'dimension_repeated']]);
    const options = structuredClone(def);
    options.dimensions[0]!.items[1]!.options[2]!.code = options.dimensions[0]!.items[1]!.options[0]!.code;
    const parsedOptions = parseInstrument(options);
    expect(!parsedOptions.ok && parsedOptions.problems.map((p) => p.path)).toEqual(['dimensions[0].items[1].options[2].code']);
    const stray = parseInstrument({ ...def, colour: 'blue' });
    expect(!stray.ok && stray.problems.map((p) => [p.path, p.issue.code])).toEqual([['', 'unrecognized_keys']]);
    expect(parseInstrument({ ...def, dimensions: def.dimensions.slice(0, 2) }).ok).toBe(false);
  });

  it('reads texts in the reader’s language, falling back to English, then Spanish', () => {
    expect(localText({ es: 'Hola', en: 'Hello', fr: 'Bonjour' }, 'fr')).toBe('Bonjour');
    expect(localText({ es: 'Hola', en: 'Hello' }, 'pt')).toBe('Hello');
    expect(localText({ es: 'Hola', en: 'Hello' }, 'es')).toBe('Hola');
  });
});

describe('when a score is taken', () => {
  it('is a caseworker’s action from planning until closure is decided', () => {
    expect(statusesFor('score')).toEqual(['planning', 'plan_submitted', 'active', 'closure_requested']);
    expect(allowedActions('active', new Set(['cases.write']))).toContain('score');
    expect(allowedActions('active', new Set(['cases.supervise']))).not.toContain('score');
    expect(allowedActions('registered', new Set(['cases.write']))).not.toContain('score');
  });

  it('takes the plan score while planning, or once active if none was taken', () => {
    expect(occasionRefusal('plan', { status: 'planning', hasPlanScore: true })).toBeNull();
    expect(occasionRefusal('plan', { status: 'plan_submitted', hasPlanScore: false })).toBeNull();
    expect(occasionRefusal('plan', { status: 'active', hasPlanScore: false })).toBeNull();
    expect(occasionRefusal('plan', { status: 'active', hasPlanScore: true })).toBe('plan_score_closed');
    expect(occasionRefusal('plan', { status: 'closure_requested', hasPlanScore: false })).toBe('plan_score_closed');
  });

  it('takes a follow-up score once, on a follow-up that took place', () => {
    expect(occasionRefusal('follow_up', { status: 'active', hasPlanScore: true, followUp: { recorded: false, scored: false } })).toBe('follow_up_not_recorded');
    expect(occasionRefusal('follow_up', { status: 'active', hasPlanScore: true, followUp: { recorded: true, scored: true } })).toBe('follow_up_scored');
    expect(occasionRefusal('follow_up', { status: 'closure_requested', hasPlanScore: false, followUp: { recorded: true, scored: false } })).toBeNull();
  });
});

describe('the change on a case', () => {
  const s = (instrumentId: string, takenOn: string, v: number): DatedScore => ({ instrumentId, takenOn, economic: v, social: v / 2, psychosocial: 1 - v, composite: v });

  it('is the last score minus the first, null with fewer than two', () => {
    expect(scoreChange([])).toBeNull();
    expect(scoreChange([s('a', '2026-01-01', 0.2)])).toBeNull();
    expect(scoreChange([s('a', '2026-01-01', 0.2), s('a', '2026-02-01', 0.9), s('a', '2026-03-01', 0.5)])).toEqual({ from_taken_on: '2026-01-01', to_taken_on: '2026-03-01', economic: 0.3, social: 0.15, psychosocial: -0.3, composite: 0.3 });
  });

  it('compares only scores of one instrument: the last with the first of its own', () => {
    expect(scoreChange([s('a', '2026-01-01', 0.2), s('b', '2026-02-01', 0.4), s('b', '2026-03-01', 0.7)])).toMatchObject({ from_taken_on: '2026-02-01', composite: 0.3 });
    expect(scoreChange([s('a', '2026-01-01', 0.2), s('b', '2026-02-01', 0.4)])).toBeNull();
  });
});
