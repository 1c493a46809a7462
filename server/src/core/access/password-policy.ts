import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { MessageKey } from '../i18n/messages.js';

/**
 * NIST SP 800-63B style: a length floor, no composition rules, and a refusal of passwords known to be common.
 * The list (common-passwords.txt, beside the sources) holds passwords of 12 characters or more seen in breach
 * corpora and obvious local forms; the patterns catch repetitions and keyboard runs.
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

const KEYBOARD_RUNS = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', 'abcdefghijklmnopqrstuvwxyz', '0987654321'];

function isRunOrRepeat(password: string): boolean {
  const p = password.toLowerCase();
  if (new Set(p).size <= 2) return true; // aaaaaaaaaaaa, abababababab
  for (let size = 1; size <= p.length / 2; size++) {
    const unit = p.slice(0, size);
    if (unit.repeat(Math.ceil(p.length / size)).slice(0, p.length) === p) return true; // 123412341234
  }
  return KEYBOARD_RUNS.some((run) => {
    const doubled = run + run;
    return p.length <= doubled.length && doubled.includes(p);
  });
}

/** Returns the problem with a password, or null when it is acceptable. */
export function checkPassword(password: string, email?: string): MessageKey | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return 'password.too_short';
  if (password.length > PASSWORD_MAX_LENGTH) return 'password.too_long';
  const lower = password.toLowerCase();
  if (common().has(lower) || isRunOrRepeat(password)) return 'password.common';
  const local = email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) return 'password.contains_email';
  return null;
}
