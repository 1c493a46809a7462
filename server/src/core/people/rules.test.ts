import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { consentCovers, documentKey, duplicateReasons, partnerKey, type ConsentRecord } from './rules.js';

describe('document keys', () => {
  it('ignore separators and case', () => {
    expect(documentKey('a-123 456')).toBe('A123456');
    expect(documentKey(' 0012/34.5 ')).toBe('0012345');
  });
  it('are idempotent and hold only letters and digits', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const k = documentKey(s);
        expect(documentKey(k)).toBe(k);
        expect(k).toMatch(/^[\p{L}\p{N}]*$/u);
      }),
    );
  });
});

describe('possible duplicates', () => {
  const probe = { birthDate: '1990-05-01', documentKeys: ['P123'] };
  it('need a similar name and the same birth date, or the same document', () => {
    expect(duplicateReasons(probe, { birthDate: '1990-05-01', nameSimilarity: 0.6, documentKeys: [] })).toEqual(['name_and_birth_date']);
    expect(duplicateReasons(probe, { birthDate: '1990-05-01', nameSimilarity: 0.2, documentKeys: [] })).toEqual([]);
    expect(duplicateReasons(probe, { birthDate: '1991-05-01', nameSimilarity: 0.9, documentKeys: [] })).toEqual([]);
    expect(duplicateReasons(probe, { birthDate: null, nameSimilarity: 0.1, documentKeys: ['P123'] })).toEqual(['document']);
    expect(duplicateReasons({ birthDate: null, documentKeys: [''] }, { birthDate: null, nameSimilarity: 1, documentKeys: [''] })).toEqual([]);
  });
});

describe('consent coverage', () => {
  const at = new Date('2026-06-01T00:00:00Z');
  const given = (over: Partial<ConsentRecord>): ConsentRecord => ({ purpose: 'sharing', partner: 'Cáritas Guatemala', givenAt: new Date('2026-01-01T00:00:00Z'), withdrawnAt: null, ...over });

  it('sharing is per named partner, compared without case or accents', () => {
    expect(consentCovers([given({})], 'sharing', at, 'caritas  guatemala')).toBe(true);
    expect(consentCovers([given({})], 'sharing', at, 'INFOM')).toBe(false);
    expect(consentCovers([given({})], 'sharing', at)).toBe(false);
  });
  it('a withdrawn, later or other-purpose consent does not cover', () => {
    expect(consentCovers([given({ withdrawnAt: new Date('2026-03-01T00:00:00Z') })], 'sharing', at, 'Cáritas Guatemala')).toBe(false);
    expect(consentCovers([given({ givenAt: new Date('2026-07-01T00:00:00Z') })], 'sharing', at, 'Cáritas Guatemala')).toBe(false);
    expect(consentCovers([given({ purpose: 'follow_up', partner: null })], 'sharing', at, 'Cáritas Guatemala')).toBe(false);
    expect(consentCovers([given({ purpose: 'follow_up', partner: null })], 'follow_up', at)).toBe(true);
  });
  it('adding a consent never removes coverage, withdrawing one never adds it', () => {
    const record = fc.record({
      purpose: fc.constantFrom('registration', 'sharing', 'follow_up', 'statistics') as fc.Arbitrary<ConsentRecord['purpose']>,
      partner: fc.option(fc.constantFrom('A', 'B'), { nil: null }),
      givenAt: fc.date({ min: new Date('2025-01-01'), max: new Date('2027-01-01'), noInvalidDate: true }),
      withdrawnAt: fc.option(fc.date({ min: new Date('2025-01-01'), max: new Date('2027-01-01'), noInvalidDate: true }), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(record), record, fc.constantFrom('registration', 'sharing', 'follow_up', 'statistics') as fc.Arbitrary<ConsentRecord['purpose']>, (list, extra, purpose) => {
        const before = consentCovers(list, purpose, at, 'A');
        expect(consentCovers([...list, extra], purpose, at, 'A') || !before).toBe(true);
        const withdrawn = list.map((c) => ({ ...c, withdrawnAt: new Date('2025-01-01') }));
        expect(consentCovers(withdrawn, purpose, at, 'A')).toBe(false);
      }),
    );
  });
  it('partner keys fold case, accents and spaces', () => {
    expect(partnerKey('  Cáritas   GUATEMALA ')).toBe('caritas guatemala');
  });
});
