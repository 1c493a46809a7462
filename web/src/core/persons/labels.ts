import { useI18n } from '../../app/i18n';
import type { IdentityDocument, RevealedDocument } from './types';

const displayNames = new Map<string, Intl.DisplayNames | null>();

/** The name of a language (ISO 639 code) in the UI locale; the code itself when the browser does not know it. */
export function languageName(code: string, locale: string): string {
  let names = displayNames.get(locale);
  if (names === undefined) {
    try {
      names = new Intl.DisplayNames([locale], { type: 'language', fallback: 'code' });
    } catch {
      names = null;
    }
    displayNames.set(locale, names);
  }
  try {
    const name = names?.of(code);
    if (name && name !== code) return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
  } catch {
    // a code Intl rejects as malformed: show it as it is
  }
  return code;
}

/** Labels of the persons registry's values: consent purposes, document kinds, duplicate reasons, languages. */
export function usePersonLabels() {
  const { t, tDynamic, locale } = useI18n();
  const documentKind = (kind: string) => tDynamic(`person.document.kind.${kind}`, kind);
  return {
    purpose: (p: string) => tDynamic(`consent.purpose.${p}`, p),
    purposeHint: (p: string) => tDynamic(`consent.purpose.${p}.hint`, ''),
    documentKind,
    reason: (r: string) => tDynamic(`person.duplicates.reason.${r}`, r),
    language: (code: string) => languageName(code, locale),
    /** "Pasaporte 123456 (GTM)" */
    /** A document, its number withheld (the hint and "number withheld") or revealed. */
    document: (d: IdentityDocument | RevealedDocument) =>
      `${documentKind(d.kind)} ${d.number ?? (d.number_hint ? `${d.number_hint} ` : '') + `(${t('person.document.withheld')})`}${d.issuing_country_iso3 ? ` (${d.issuing_country_iso3})` : ''}`,
  };
}
