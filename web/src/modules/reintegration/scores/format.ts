import { formatNumber } from '../../../app/format';
import { useI18n } from '../../../app/i18n';
import { useRnLabels } from '../labels';
import type { Measure } from './types';

/**
 * Scores, shares and months for the reader's locale. A score runs from 0 to 1 and is shown with two decimals
 * ("0,62"); a share of returnees as a percentage ("45 %"); a change with its sign ("+0,12", "−0,05").
 */
export function useScoreFormat() {
  const { t, locale } = useI18n();
  const labels = useRnLabels();
  const dash = '–';
  return {
    score: (v: number | null) => (v === null ? dash : formatNumber(v, locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 })),
    share: (v: number | null) => (v === null ? dash : formatNumber(v, locale, { style: 'percent', maximumFractionDigits: 0 })),
    change: (v: number) => formatNumber(v, locale, { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' }),
    count: (v: number) => formatNumber(v, locale),
    /** A weight as its share of the group's weights ("25 %"): how much it counts, whatever scale the file used. */
    weightShare: (weight: number, all: readonly { weight: number }[]) => {
      const sum = all.reduce((s, x) => s + x.weight, 0);
      return formatNumber(sum > 0 ? weight / sum : 0, locale, { style: 'percent', maximumFractionDigits: 1 });
    },
    measure: (m: Measure) => (m === 'composite' ? t('rn.scores.composite') : labels.dimension(m)),
    /** A date in short ("28 nov 2026"), where space is tight. */
    day: (ymd: string) => {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
      if (!m) return ymd;
      return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
    },
    /** "2026-01" as "ene 2026" / "Jan 2026". */
    month: (ym: string) => {
      const m = /^(\d{4})-(\d{2})$/.exec(ym);
      if (!m) return ym;
      return new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)));
    },
    /** "2026-Q1" as "T1 2026" / "Q1 2026". */
    quarter: (p: string) => {
      const m = /^(\d{4})-Q([1-4])$/.exec(p);
      return m ? t('rn.dash.quarter', { year: m[1]!, quarter: m[2]! }) : p;
    },
  };
}

/** Every month from `from` to `to` ("2026-01"), so that months without arrivals show as zero (the server answers 120 at most). */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  while ((y < ty || (y === ty && m <= tm)) && out.length < 120) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return out;
}
