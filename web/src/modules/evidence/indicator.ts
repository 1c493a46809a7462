/** An indicator as the server stores it: (numerator / denominator) x factor + constant over data elements. */
export interface Operand {
  de: string;
  sex?: 'T' | 'M' | 'F';
  partner?: string;
  lag?: number;
  reduce?: 'max_destination' | 'max_origin';
}

export interface IndicatorRecord {
  id: string;
  name?: string;
  name_es?: string;
  name_en?: string;
  description_es?: string;
  description_en?: string;
  numerator: Operand;
  denominator: Operand | null;
  factor: number;
  constant: number;
  unit: string;
  decimals: number;
  published_de?: string | null;
  bundled?: boolean;
}

function operandText(o: Operand): string {
  const extra = [o.sex && o.sex !== 'T' ? `sex=${o.sex}` : '', o.partner ? `partner=${o.partner}` : '', o.lag ? `lag=${o.lag}` : '', o.reduce ?? ''].filter(Boolean);
  return extra.length ? `${o.de}[${extra.join(', ')}]` : o.de;
}

export function formulaText(i: Pick<IndicatorRecord, 'numerator' | 'denominator' | 'factor' | 'constant'>): string {
  let s = i.denominator ? `(${operandText(i.numerator)} / ${operandText(i.denominator)})` : operandText(i.numerator);
  if (i.factor !== 1) s += ` × ${i.factor}`;
  if (i.constant) s += ` ${i.constant < 0 ? '−' : '+'} ${Math.abs(i.constant)}`;
  return s;
}
