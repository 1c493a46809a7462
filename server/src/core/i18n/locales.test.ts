import { describe, expect, it } from 'vitest';
import { DEFAULT_LOCALE, isLocale, negotiateLocale } from './locales.js';

describe('negotiateLocale', () => {
  it('falls back to Spanish without a header or with an empty one', () => {
    expect(DEFAULT_LOCALE).toBe('es');
    expect(negotiateLocale(undefined)).toBe('es');
    expect(negotiateLocale('')).toBe('es');
    expect(negotiateLocale('   ')).toBe('es');
  });

  it('maps regional tags to their language', () => {
    expect(negotiateLocale('es-GT')).toBe('es');
    expect(negotiateLocale('es-419')).toBe('es');
    expect(negotiateLocale('pt-BR')).toBe('pt');
    expect(negotiateLocale('fr-HT')).toBe('fr');
    expect(negotiateLocale('EN-us')).toBe('en');
  });

  it('honours q-values over the order of the header', () => {
    expect(negotiateLocale('pt;q=0.2, en;q=0.8')).toBe('en');
    expect(negotiateLocale('fr;q=0.5, pt-BR')).toBe('pt'); // no q means q=1
    expect(negotiateLocale('en-US,en;q=0.9,es;q=0.8')).toBe('en');
  });

  it('keeps the header order among equal q-values', () => {
    expect(negotiateLocale('fr, en')).toBe('fr');
    expect(negotiateLocale('en;q=0.7, fr;q=0.7')).toBe('en');
  });

  it('skips unsupported languages to the best supported one', () => {
    expect(negotiateLocale('de-DE, de;q=0.9, fr;q=0.5')).toBe('fr');
    expect(negotiateLocale('qu, ay;q=0.9, en;q=0.1')).toBe('en');
  });

  it('falls back to Spanish when nothing is supported', () => {
    expect(negotiateLocale('de')).toBe('es');
    expect(negotiateLocale('*')).toBe('es');
    expect(negotiateLocale('zh-CN, ja;q=0.8')).toBe('es');
  });

  it('treats q=0 as "not acceptable" and ignores malformed q-values', () => {
    expect(negotiateLocale('en;q=0')).toBe('es');
    expect(negotiateLocale('en;q=0, fr')).toBe('fr');
    expect(negotiateLocale('en;q=abc, pt;q=0.1')).toBe('pt');
  });

  it('accepts optional whitespace around separators (RFC 9110)', () => {
    expect(negotiateLocale(' de , en ; q=0.5 ')).toBe('en');
    expect(negotiateLocale('de,en;  q=0.5')).toBe('en');
  });
});

describe('isLocale', () => {
  it('accepts exactly the supported codes', () => {
    for (const l of ['es', 'en', 'pt', 'fr']) expect(isLocale(l)).toBe(true);
    for (const l of ['ES', 'es-GT', 'de', '', null, 1]) expect(isLocale(l)).toBe(false);
  });
});
