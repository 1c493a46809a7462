/**
 * The rules of an item, pure (no I/O): a name is written as people type it, and two names that differ only in
 * case, accents or spacing are the same item.
 */

export const ITEM_NAME_MAX = 120;

/** The name as it is kept: trimmed, inner runs of spaces made one. */
export function cleanItemName(name: string): string {
  return name.trim().replace(/\s+/g, ' ');
}

/** What two names are compared by: lower case, without accents or spacing differences. */
export function itemNameKey(name: string): string {
  return cleanItemName(name).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
