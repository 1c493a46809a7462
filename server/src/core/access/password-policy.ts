import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { MessageKey } from '../i18n/messages.js';

/**
 * NIST SP 800-63B style: a length floor, no composition rules, and a refusal of passwords known to be common.
 * The list (common-passwords.txt, beside the sources) holds passwords of 12 characters or more seen in breach
 * corpora and obvious local forms; the rules below catch repetitions, keyboard walks and sequences, each with
 * its own message so that the person knows why (a pure rule rather than a strength library: a few lines, no
 * dictionaries to ship, the same answer on every engine and language).
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

const listPath = fileURLToPath(new URL('../../../common-passwords.txt', import.meta.url));
let commonPasswords: Set<string> | undefined;
function common(): Set<string> {
  commonPasswords ??= new Set(
    readFileSync(listPath, 'utf8')
      .split('\n')
      .map((line) => line.trim().toLowerCase())
      .filter((line) => line && !line.startsWith('#')),
  );
  return commonPasswords;
}

/**
 * Keyboard rows (QWERTY with the Spanish ñ, AZERTY, QWERTZ), the rows joined as people type them
 * (qwertyuiopasdf...), columns (1qaz2wsx...) and the shifted digit rows of US and Spanish keyboards. A password
 * walking along one of them, either way and wrapping round, is guessed in the first few thousand tries.
 */
const KEYBOARD_SEQUENCES = [
  'qwertyuiop',
  'asdfghjklñ',
  'asdfghjkl',
  'zxcvbnm',
  'qwertyuiopasdfghjklñzxcvbnm',
  'qwertyuiopasdfghjklzxcvbnm',
  'azertyuiop',
  'qsdfghjklm',
  'wxcvbn',
  'azertyuiopqsdfghjklmwxcvbn',
  'qwertzuiop',
  'yxcvbnm',
  '1234567890',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
  'qazwsxedcrfvtgbyhnujmikolp',
  '!@#$%^&*()',
  '!"·$%&/()=',
];

type Step = (a: string, b: string) => boolean;

const isAlnum = (c: string) => /^[a-z0-9]$/.test(c);
/** Same character, or letters/digits a constant 1 or 2 apart: aaaa, abcd, 4321, acegi, 2468. */
const CODE_STEPS: Step[] = [0, 1, -1, 2, -2].map(
  (d) => (a, b) => (d === 0 ? a === b : isAlnum(a) && isAlnum(b) && b.charCodeAt(0) - a.charCodeAt(0) === d),
);
const KEYBOARD_STEPS: Step[] = KEYBOARD_SEQUENCES.flatMap((row) =>
  [1, -1].map((dir): Step => (a, b) => {
    const i = row.indexOf(a);
    return i >= 0 && row[(i + dir + row.length) % row.length] === b;
  }),
);
const STEPS = [...CODE_STEPS, ...KEYBOARD_STEPS];

/** Characters of the password that belong to a run of 3 or more following one rule (a repeat, a sequence, a row). */
function predictableCharacters(chars: string[], steps: Step[]): number {
  const covered = new Array<boolean>(chars.length).fill(false);
  for (let i = 0; i + 1 < chars.length; i++) {
    let best = 1;
    for (const step of steps) {
      let j = i;
      while (j + 1 < chars.length && step(chars[j] as string, chars[j + 1] as string)) j++;
      best = Math.max(best, j - i + 1);
    }
    if (best >= 3) covered.fill(true, i, i + best);
  }
  return covered.filter(Boolean).length;
}

/** "Mostly": fewer than a third of the characters (and fewer than 4) are outside predictable runs. */
function mostly(predictable: number, length: number): boolean {
  return length - predictable < Math.max(4, Math.ceil(length / 3));
}

/** aaaaaaaaaaaa, abababababab, 123412341234, Hola!Hola!Hola!, or mostly runs of one character. */
function isRepeated(chars: string[]): boolean {
  if (new Set(chars).size <= 2) return true;
  for (let size = 1; size <= chars.length / 2; size++) {
    if (chars.every((c, i) => c === chars[i % size])) return true;
  }
  return mostly(predictableCharacters(chars, [CODE_STEPS[0] as Step]), chars.length);
}

/** Mostly keyboard walks and alphabetical or numeric sequences: qwertyuiopas, abcdefghijkl, 098765432109. */
function isSequence(chars: string[]): boolean {
  return mostly(predictableCharacters(chars, STEPS), chars.length);
}

/** Returns the problem with a password, or null when it is acceptable. */
export function checkPassword(password: string, email?: string): MessageKey | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return 'password.too_short';
  if (password.length > PASSWORD_MAX_LENGTH) return 'password.too_long';
  const lower = password.toLowerCase();
  if (common().has(lower)) return 'password.common';
  const chars = [...lower];
  if (isRepeated(chars)) return 'password.repeated';
  if (isSequence(chars)) return 'password.sequence';
  const local = email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) return 'password.contains_email';
  return null;
}
