import { z } from 'zod';
import { shiftPeriod } from './periods.js';

/**
 * Indicators: (numerator / denominator) x factor + constant. Pure.
 * An operand names one data element (which holds one release: a ratio never mixes releases of the same series),
 * optionally one sex, one partner (counterpart area), a lag in periods (growth rates), or a reduction over the
 * partners of a bilateral series (`max_destination`: the largest stock among the destinations of the unit's
 * emigrants; `max_origin`: among the origins of its immigrants).
 */
export const operandSchema = z.strictObject({
  de: z.string().min(1).max(80),
  sex: z.enum(['T', 'M', 'F']).optional(),
  partner: z.string().min(1).max(40).optional(),
  lag: z.number().int().min(1).max(100).optional(),
  reduce: z.enum(['max_destination', 'max_origin']).optional(),
});
export type Operand = z.infer<typeof operandSchema>;

export interface Observation {
  value: number;
  sourceId: string;
  computed: boolean;
  /** The partner a reduction picked (top destination). */
  partner?: string;
}

export interface IndicatorFormula {
  numerator: Operand;
  denominator: Operand | null;
  factor: number;
  constant: number;
  publishedDe: string | null;
}

export interface IndicatorValue {
  value: number;
  /** Releases the value comes from, numerator first. */
  sourceIds: string[];
  /** Computed here (a ratio of stored values) or shown as published by the source. */
  computed: boolean;
  published: boolean;
  /** Periods of numerator and denominator (they differ for lagged operands). */
  note?: string;
}

/** Lookup of one operand for a unit and period; the caller has loaded the values beforehand. */
export type OperandLookup = (operand: Operand, ou: string, pe: string) => Observation | undefined;

/** The key under which the caller stores an operand's observations (without the lag, which shifts the period). */
export const operandKey = (o: Operand) => `${o.de}|${o.sex ?? 'T'}|${o.partner ?? ''}|${o.reduce ?? ''}`;

/** The period an operand reads for the indicator's period. */
export const operandPeriod = (o: Operand, pe: string) => (o.lag ? shiftPeriod(pe, o.lag) : pe);

export function computeIndicator(f: IndicatorFormula, ou: string, pe: string, lookup: OperandLookup, published?: Observation): IndicatorValue | null {
  if (published) return { value: published.value, sourceIds: [published.sourceId], computed: false, published: true };
  const num = lookup(f.numerator, ou, operandPeriod(f.numerator, pe));
  if (!num) return null;
  let ratio = num.value;
  const sourceIds = [num.sourceId];
  if (f.denominator) {
    const den = lookup(f.denominator, ou, operandPeriod(f.denominator, pe));
    if (!den || den.value === 0) return null;
    ratio = num.value / den.value;
    if (!sourceIds.includes(den.sourceId)) sourceIds.push(den.sourceId);
  }
  const value = ratio * f.factor + f.constant;
  if (!Number.isFinite(value)) return null;
  return {
    value,
    sourceIds,
    computed: true,
    published: false,
    note: num.partner ? `partner=${num.partner}` : undefined,
  };
}

/** Data elements an indicator reads (to validate a definition and to load values). */
export function operandsOf(f: Pick<IndicatorFormula, 'numerator' | 'denominator'>): Operand[] {
  return f.denominator ? [f.numerator, f.denominator] : [f.numerator];
}
