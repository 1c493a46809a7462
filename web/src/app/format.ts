/** Numbers and dates formatted for the reader's locale (1.234,5 in Spanish, 1,234.5 in English). */

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(locale: string, opts: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `n|${locale}|${JSON.stringify(opts)}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) {
    try {
      // 'always' groups four-digit numbers too (1.234 rather than 1234 in Spanish).
      f = new Intl.NumberFormat(locale, { useGrouping: 'always', ...opts } as Intl.NumberFormatOptions);
    } catch {
      f = new Intl.NumberFormat(locale, opts);
    }
    cache.set(key, f);
  }
  return f;
}

function dateFormat(locale: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale}|${JSON.stringify(opts)}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) {
    f = new Intl.DateTimeFormat(locale, opts);
    cache.set(key, f);
  }
  return f;
}

export function formatNumber(value: number, locale: string, opts?: Intl.NumberFormatOptions): string {
  return numberFormat(locale, opts).format(value);
}

function toDate(value: string | Date | null | undefined): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** A calendar date such as a birth date ("1990-04-05"), shown without time-zone shifts. */
export function formatDate(value: string | null | undefined, locale: string): string {
  if (!value) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (m) {
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    return dateFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
  }
  const d = toDate(value);
  return d ? dateFormat(locale, { day: 'numeric', month: 'long', year: 'numeric' }).format(d) : value;
}

export function formatDateTime(value: string | null | undefined, locale: string): string {
  const d = toDate(value);
  if (!d) return '';
  return dateFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(d);
}
