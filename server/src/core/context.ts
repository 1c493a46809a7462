import type { Config } from './config.js';
import type { Database, Db } from './db/engine.js';
import type { AuditKey, SecretBox } from './crypto.js';
import type { Keyring } from './keys/keyring.js';
import type { Actor } from './access/actor.js';
import type { InstalledModules } from './installed-modules.js';
import { SYSTEM_ACTOR_LABEL } from './access/actor.js';

/** What every domain action needs from the running platform. */
export interface AppContext {
  database: Database;
  db: Db;
  config: Config;
  secretBox: SecretBox;
  /** Links the audit chain (HMAC); see core/audit. */
  auditKey: AuditKey;
  /** Envelope encryption of protected values (`keys/keyring.ts`). */
  keyring: Keyring;
  /** The modules of this installation, from their manifests (given by the composition root). */
  modules: InstalledModules;
}

/** Where a request came from, for the audit log. */
export interface RequestMeta {
  ip: string | null;
  requestId: string | null;
  userAgent: string | null;
}

/** The author of a write: a signed-in user or the command line. */
export type Author = { kind: 'user'; actor: Actor } | { kind: 'system' };

export const SYSTEM: Author = { kind: 'system' };

export function authorFields(author: Author) {
  return author.kind === 'user'
    ? { actorId: author.actor.userId, actorLabel: author.actor.email }
    : { actorId: null, actorLabel: SYSTEM_ACTOR_LABEL };
}

export const CLI_META: RequestMeta = { ip: null, requestId: null, userAgent: 'mide-cli' };

/**
 * What an action a user asks for receives: the running platform, who asks, and where the request came from.
 * It is an AppContext too, so the stores and helpers that take one accept it. No language: actions throw keys,
 * and the answer is worded once, when it is written (`http/errors.ts`).
 */
export interface RequestContext extends AppContext {
  actor: Actor;
  meta: RequestMeta;
}
