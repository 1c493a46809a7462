import { describe, expect, it } from 'vitest';
import { registerMessages } from '../i18n/messages.js';
import { toErrorBody } from '../http/errors.js';
import { formatReference } from './references.js';
import { invalidTransition, type TransitionMessages } from './step.js';

/** The pure parts of the workflow core: the refusal of a step out of order, worded only when the answer is written. */

registerMessages('sample_flow', {
  es: { invalid: 'Este paso no es posible: el expediente está «{status}».', 'status.open': 'abierto', not_ready: 'Falta la firma.' },
  en: { invalid: 'This step is not possible: the file is "{status}".', 'status.open': 'open' },
});
const messages: TransitionMessages<'open'> = { invalidTransition: 'sample_flow.invalid', status: (s) => `sample_flow.status.${s}` };

describe('invalidTransition', () => {
  it('carries keys, and names the current status in the language of whoever reads the answer', () => {
    const error = invalidTransition(messages, 'open');
    expect(error.status).toBe(409);
    expect(error.fields).toEqual([{ path: 'status', key: 'sample_flow.invalid', params: { status: { key: 'sample_flow.status.open' } } }]);
    expect(toErrorBody(error, 'es', 'r').error.fields[0]!.message).toBe('Este paso no es posible: el expediente está «abierto».');
    expect(toErrorBody(error, 'en', 'r').error.fields[0]!.message).toBe('This step is not possible: the file is "open".');
  });

  it('says why a step is not ready instead, when the module knows', () => {
    const error = invalidTransition(messages, 'open', 'sample_flow.not_ready');
    expect(error.code).toBe('invalid_transition');
    expect(toErrorBody(error, 'fr', 'r').error.fields[0]!.message).toBe('Falta la firma.');
  });
});

describe('formatReference', () => {
  it('keeps the references users have: prefix, year, number padded', () => {
    expect(formatReference('RN', 2026, 41, 5)).toBe('RN-2026-00041');
    expect(formatReference('P', 2026, 7, 4)).toBe('P-2026-0007');
  });
});
