import { describe, expect, it } from 'vitest';
import { missingKeys, registerMessages, translate } from './messages.js';

describe('translate', () => {
  registerMessages('sample', {
    es: { rows: '{count, plural, one {# fila} other {# filas}} en «{file}».', only_es: 'Solo en español.' },
    en: { rows: '{count, plural, one {# row} other {# rows}} in "{file}".' },
  });

  it('words core keys and module keys in the language asked, falling back to Spanish', () => {
    expect(translate('en', 'error.not_found')).toBe('Not found.');
    expect(translate('es', 'sample.rows', { count: 1, file: 'a.csv' })).toBe('1 fila en «a.csv».');
    expect(translate('en', 'sample.rows', { count: 3, file: 'a.csv' })).toBe('3 rows in "a.csv".');
    expect(translate('fr', 'sample.only_es')).toBe('Solo en español.');
  });

  it('shows an unknown key as itself', () => {
    expect(translate('es', 'sample.nothing')).toBe('sample.nothing');
    expect(translate('es', 'nowhere.nothing')).toBe('nowhere.nothing');
  });

  it('refuses a namespace of the core and lists missing keys', () => {
    expect(() => registerMessages('field', { es: {} })).toThrow(/taken by the core/);
    expect(missingKeys({ es: { a: 'a', b: 'b' }, en: { a: 'a' } })).toEqual({ es: [], en: ['b'], pt: ['a', 'b'], fr: ['a', 'b'] });
  });
});
