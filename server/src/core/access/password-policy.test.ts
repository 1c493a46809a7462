import { describe, expect, it } from 'vitest';
import { LOCALES } from '../i18n/locales.js';
import { translate } from '../i18n/messages.js';
import { checkPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-policy.js';

describe('checkPassword', () => {
  describe('length floor of 12 characters', () => {
    it('refuses 11 characters and accepts 12', () => {
      expect(PASSWORD_MIN_LENGTH).toBe(12);
      expect(checkPassword('tres tigres')).toBe('password.too_short'); // 11
      expect(checkPassword('tres tigres!')).toBeNull(); // 12
    });

    it('counts characters, not bytes: "ñ" and accented letters count as one', () => {
      // 11 characters but 16 bytes in UTF-8: still too short.
      const elevenChars = 'ñandú sólo ';
      expect([...elevenChars]).toHaveLength(11);
      expect(Buffer.byteLength(elevenChars, 'utf8')).toBeGreaterThan(12);
      expect(checkPassword(elevenChars)).toBe('password.too_short');
      expect(checkPassword('ñandú sólo ñ')).toBeNull(); // 12 characters
    });

    it('counts characters, not UTF-16 units: an emoji counts as one', () => {
      // 11 code points, 12 UTF-16 units.
      const withEmoji = 'mi perro 🐕 ';
      expect([...withEmoji]).toHaveLength(11);
      expect(withEmoji.length).toBe(12);
      expect(checkPassword(withEmoji)).toBe('password.too_short');
    });

    it('refuses passwords over the maximum length', () => {
      const longest = Array.from({ length: 100 }, (_, i) => `p${i.toString(36).padStart(2, '0')}`).join('').slice(0, PASSWORD_MAX_LENGTH);
      expect(longest).toHaveLength(PASSWORD_MAX_LENGTH);
      expect(checkPassword(longest)).toBeNull();
      expect(checkPassword(longest + 'x')).toBe('password.too_long');
    });
  });

  describe('common passwords', () => {
    it('refuses entries of the common list, whatever their case', () => {
      expect(checkPassword('password1234')).toBe('password.common');
      expect(checkPassword('PassWord1234')).toBe('password.common');
      expect(checkPassword('QWERTY123456')).toBe('password.common');
    });

    it('refuses repeats, saying so', () => {
      expect(checkPassword('aaaaaaaaaaaa')).toBe('password.repeated');
      expect(checkPassword('abababababab')).toBe('password.repeated');
      expect(checkPassword('abcabcabcabc')).toBe('password.repeated');
      expect(checkPassword('123412341234')).toBe('password.repeated');
      expect(checkPassword('Hola!Hola!Hola!')).toBe('password.repeated');
      expect(checkPassword('zzzzzzzzzzzzzzzzx7')).toBe('password.repeated');
    });
  });

  describe('keyboard rows and sequences (finding 9)', () => {
    it('refuses keyboard walks, including ones that go on to the next row or wrap around', () => {
      expect(checkPassword('qwertyuiopas')).toBe('password.sequence');
      expect(checkPassword('qwertyuiopqw')).toBe('password.sequence');
      expect(checkPassword('ASDFGHJKLASD')).toBe('password.sequence');
      expect(checkPassword('asdfghjklñzx')).toBe('password.sequence');
      expect(checkPassword('azertyuiopqs')).toBe('password.sequence');
      expect(checkPassword('3edc4rfv5tgb')).toBe('password.sequence');
      expect(checkPassword('poiuytrewqlk')).toBe('password.sequence');
      expect(checkPassword('!@#$%^&*()!@')).toBe('password.sequence');
    });

    it('refuses alphabetical and numeric sequences, forwards, backwards or by twos', () => {
      expect(checkPassword('abcdefghijklmn')).toBe('password.sequence');
      expect(checkPassword('567890123456')).toBe('password.sequence');
      expect(checkPassword('098765432109')).toBe('password.sequence');
      expect(checkPassword('zyxwvutsrqpo')).toBe('password.sequence');
      expect(checkPassword('acegikmoqsuw')).toBe('password.sequence');
      expect(checkPassword('abcdef123456')).toBe('password.sequence');
      expect(checkPassword('Qwerty123456!')).toBe('password.sequence');
    });

    it('accepts a password that only contains a short run among other characters', () => {
      expect(checkPassword('mi abc de la escuela')).toBeNull();
      expect(checkPassword('qwerty y mi gato Félix')).toBeNull();
      expect(checkPassword('tres tigres 123')).toBeNull();
    });

    it('says why in every language', () => {
      for (const locale of LOCALES) {
        expect(translate(locale, 'password.sequence')).toMatch(/qwertyuiop/);
        expect(translate(locale, 'password.repeated')).toMatch(/aaaa/);
      }
    });
  });

  describe('e-mail', () => {
    it('refuses a password containing the local part of the e-mail, case-insensitively', () => {
      expect(checkPassword('maria.lopez es mi clave', 'maria.lopez@example.org')).toBe('password.contains_email');
      expect(checkPassword('Clave de MARIA.LOPEZ 2024', 'maria.lopez@example.org')).toBe('password.contains_email');
    });

    it('ignores local parts shorter than four characters (too many false matches)', () => {
      expect(checkPassword('una frase con ana dentro', 'ana@example.org')).toBeNull();
    });
  });

  describe('no composition rules', () => {
    it('accepts a long passphrase', () => {
      expect(checkPassword('caballo correcto batería grapa')).toBeNull();
    });

    it('accepts an all-lowercase phrase without digits or symbols', () => {
      expect(checkPassword('elriosuenaporquellevapiedras')).toBeNull();
    });

    it('accepts a phrase in any script', () => {
      expect(checkPassword('日本語のパスフレーズです')).toBeNull(); // 12 characters
    });
  });
});
