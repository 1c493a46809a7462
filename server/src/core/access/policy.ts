import type { Actor } from './actor.js';
import type { Permission } from './permissions.js';

/**
 * The one policy function every route asks. Pure: no I/O.
 * - `action` is a permission verb.
 * - `resource`, when given, is where the record lives (its org unit path) and whether the action reads or writes it;
 *   a record outside the matching scope is treated as absent by the caller (404), never as forbidden.
 */
export interface ScopedResource {
  orgUnitPath: string;
  mode: 'view' | 'capture';
}

export function can(actor: Actor | undefined, action: Permission, resource?: ScopedResource): boolean {
  if (!actor || actor.sessionState !== 'active') return false;
  if (!actor.permissions.has(action)) return false;
  if (!resource) return true;
  return inScope(actor, resource.mode, resource.orgUnitPath);
}

/** A scope unit covers its whole subtree. Capture implies view: you can read what you may write. */
export function inScope(actor: Actor, mode: 'view' | 'capture', orgUnitPath: string): boolean {
  const units = mode === 'capture' ? actor.captureScope : [...actor.viewScope, ...actor.captureScope];
  return units.some((unit) => orgUnitPath.startsWith(unit.path));
}

/** The org unit paths an actor may see; queries filter with `path LIKE prefix%` on each. */
export function scopePrefixes(actor: Actor, mode: 'view' | 'capture'): string[] {
  const units = mode === 'capture' ? actor.captureScope : [...actor.viewScope, ...actor.captureScope];
  return [...new Set(units.map((u) => u.path))];
}
