import { describe, expect, it } from 'vitest';
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

    it('refuses repeats', () => {
      expect(checkPassword('aaaaaaaaaaaa')).toBe('password.common');
      expect(checkPassword('abababababab')).toBe('password.common');
      expect(checkPassword('abcabcabcabc')).toBe('password.common');
      expect(checkPassword('123412341234')).toBe('password.common');
      expect(checkPassword('Hola!Hola!Hola!')).toBe('password.common');
    });

    it('refuses keyboard and alphabet runs, including ones that wrap around', () => {
      expect(checkPassword('qwertyuiopqw')).toBe('password.common');
      expect(checkPassword('ASDFGHJKLASD')).toBe('password.common');
      expect(checkPassword('abcdefghijklmn')).toBe('password.common');
      expect(checkPassword('567890123456')).toBe('password.common');
      expect(checkPassword('098765432109')).toBe('password.common');
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
