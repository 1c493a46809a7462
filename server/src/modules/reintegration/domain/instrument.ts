/**
 * The sustainability survey instrument: a versioned data file (`instruments/*.json`) holding the items of the three
 * dimensions, their options' scores and the weights. This file says what a valid definition is; a refused one is
 * answered with the JSON path of each problem (`dimensions[1].items[0].options`), so whoever wrote the file can
 * find the line. Scoring itself is in `scoring.ts`.
 */
import { z } from 'zod';
import type { Locale } from '../../../core/i18n/locales.js';

export const DIMENSIONS = ['economic', 'social', 'psychosocial'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** A text in several languages: Spanish and English required, Portuguese and French optional. */
const localised = (max: number) =>
  z.strictObject({
    es: z.string().trim().min(1).max(max),
    en: z.string().trim().min(1).max(max),
    pt: z.string().trim().min(1).max(max).optional(),
    fr: z.string().trim().min(1).max(max).optional(),
  });
export type LocalisedText = z.infer<ReturnType<typeof localised>>;

const weight = z.number().positive().max(1000);

const optionSchema = z.strictObject({
  code: z.string().regex(/^[a-z0-9_]{1,60}$/),
  score: z.number().min(0).max(1),
  label: localised(300),
});

const itemSchema = z.strictObject({
  code: z.string().regex(/^[a-z0-9_]{1,60}$/),
  weight,
  question: localised(1000),
  options: z.array(optionSchema).min(2).max(10),
});

const dimensionSchema = z.strictObject({
  code: z.enum(DIMENSIONS),
  weight,
  items: z.array(itemSchema).min(1).max(40),
});

/** Rules across fields, beyond the shape: each refusal carries one of these. */
export const INSTRUMENT_RULES = ['dimension_repeated', 'item_repeated', 'option_repeated'] as const;
export type InstrumentRule = (typeof INSTRUMENT_RULES)[number];

export const instrumentSchema = z
  .strictObject({
    code: z.string().regex(/^[a-z0-9-]{1,60}$/),
    version: z.string().trim().min(1).max(20),
    name: localised(200),
    description: localised(4000).optional(),
    /** Composite at or above which reintegration counts as sustainable. */
    threshold: z.number().min(0).max(1),
    /** Exactly the three dimensions, each once (any order). */
    dimensions: z.array(dimensionSchema).length(DIMENSIONS.length),
  })
  .superRefine((def, ctx) => {
    const refuse = (path: (string | number)[], rule: InstrumentRule, value: string) => ctx.addIssue({ code: 'custom', path, params: { rule, value }, message: rule });
    const dimensions = new Set<string>();
    const items = new Set<string>();
    def.dimensions.forEach((d, i) => {
      if (dimensions.has(d.code)) refuse(['dimensions', i, 'code'], 'dimension_repeated', d.code);
      dimensions.add(d.code);
      d.items.forEach((item, j) => {
        // Item codes are the keys of the answers, so they are unique in the whole instrument.
        if (items.has(item.code)) refuse(['dimensions', i, 'items', j, 'code'], 'item_repeated', item.code);
        items.add(item.code);
        const options = new Set<string>();
        item.options.forEach((o, k) => {
          if (options.has(o.code)) refuse(['dimensions', i, 'items', j, 'options', k, 'code'], 'option_repeated', o.code);
          options.add(o.code);
        });
      });
    });
  });

export type InstrumentDefinition = z.infer<typeof instrumentSchema>;
export type InstrumentItem = InstrumentDefinition['dimensions'][number]['items'][number];

/** A path as a JSON reader writes it: `dimensions[1].items[0].options`. */
export function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}

/** One reason a definition is refused: where, and zod's issue (a rule of `INSTRUMENT_RULES` in `params.rule` when custom). */
export interface InstrumentProblem {
  path: string;
  issue: z.core.$ZodIssue;
}

export type ParsedInstrument = { ok: true; definition: InstrumentDefinition } | { ok: false; problems: InstrumentProblem[] };

export function parseInstrument(input: unknown): ParsedInstrument {
  const parsed = instrumentSchema.safeParse(input);
  if (parsed.success) return { ok: true, definition: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((issue) => ({ path: jsonPath(issue.path), issue })) };
}

/** The text in the reader's language, else English, else Spanish. */
export const localText = (text: LocalisedText, locale: Locale): string => text[locale] ?? text.en ?? text.es;

export const itemsOf = (def: InstrumentDefinition): InstrumentItem[] => def.dimensions.flatMap((d) => d.items);
