import { describe, expect, it } from 'vitest';
import { formatMessage } from './format.js';

describe('formatMessage', () => {
  it('puts parameters in and keeps a missing one visible', () => {
    expect(formatMessage('es', 'El caso {reference} está «{status}».', { reference: 'RI-2026-000001', status: 'activo' })).toBe(
      'El caso RI-2026-000001 está «activo».',
    );
    expect(formatMessage('es', 'Falta {name}.', {})).toBe('Falta {name}.');
  });

  it('picks plural branches by the locale, exact values first, # formatted for the locale', () => {
    const t = '{count, plural, =0 {ningún caso} one {# caso} other {# casos}}';
    expect(formatMessage('es', t, { count: 0 })).toBe('ningún caso');
    expect(formatMessage('es', t, { count: 1 })).toBe('1 caso');
    expect(formatMessage('es', t, { count: 1200 })).toBe('1200 casos'.replace('1200', new Intl.NumberFormat('es').format(1200)));
    expect(formatMessage('en', '{n, plural, one {# case} other {# cases}} in {unit}', { n: 2, unit: 'Lempira' })).toBe('2 cases in Lempira');
    // French puts 0 and 1 in "one".
    expect(formatMessage('fr', '{n, plural, one {# dossier} other {# dossiers}}', { n: 0 })).toBe('0 dossier');
  });

  it('formats parameters inside a branch and nested braces', () => {
    expect(formatMessage('en', '{n, plural, one {one row in {file}} other {# rows in {file}}}', { n: 3, file: 'a.csv' })).toBe('3 rows in a.csv');
  });

  it('leaves text without braces and unbalanced braces as they are', () => {
    expect(formatMessage('es', 'Sin parámetros.')).toBe('Sin parámetros.');
    expect(formatMessage('es', 'Abierta { sin cerrar')).toBe('Abierta { sin cerrar');
  });
});
