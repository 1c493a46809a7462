import { createHash } from 'node:crypto';

/** The fields of an audit entry that its hash covers. Pure: no I/O. */
export interface AuditContent {
  at: Date;
  actorId: string | null;
  actorLabel: string;
  action: string;
  recordType: string;
  recordId: string | null;
  orgUnitCode: string | null;
  ip: string | null;
  requestId: string | null;
  changedFields: string[];
}

export const GENESIS_HASH = '0'.repeat(64);

const UNSTORABLE = /\0|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text as PostgreSQL will store it: NUL (refused in text) and lone surrogates (stored as U+FFFD by the UTF-8
 * encoding) become U+FFFD first, so the hash covers what is stored and the chain verifies when read back.
 */
export function storableText(value: string): string {
  return value.replace(UNSTORABLE, '\ufffd');
}

/**
 * The canonical JSON of an entry without its last element, the previous hash: the array of the fields in a fixed
 * order, open at the end, so the previous link can follow: the legacy SHA-256 links (`entryHash`) and the keyed
 * seals (`sealText`) both close it with the previous hash.
 */
export function canonicalHead(content: AuditContent): string {
  const fields = JSON.stringify([
    content.at.toISOString(),
    content.actorId,
    content.actorLabel,
    content.action,
    content.recordType,
    content.recordId,
    content.orgUnitCode,
    content.ip,
    content.requestId,
    content.changedFields,
  ]);
  return fields.slice(0, -1) + ',';
}

/** SHA-256 of the canonical JSON of the entry and the previous hash: the same text as `JSON.stringify([...fields, prevHash])`. */
export function entryHash(content: AuditContent, prevHash: string): string {
  return createHash('sha256').update(canonicalHead(content) + JSON.stringify(prevHash) + ']', 'utf8').digest('hex');
}

export interface ChainLink extends AuditContent {
  seq: number;
  prevHash: string;
  hash: string;
}

export interface ChainCheck {
  ok: boolean;
  checked: number;
  firstBrokenSeq: number | null;
  lastHash: string;
}

/** Walks links in order; `expectedPrev` carries the chain across pages. */
export function checkLinks(links: ChainLink[], expectedPrev: string): ChainCheck {
  let prev = expectedPrev;
  let checked = 0;
  for (const link of links) {
    if (link.prevHash !== prev || entryHash(link, link.prevHash) !== link.hash) {
      return { ok: false, checked, firstBrokenSeq: link.seq, lastHash: prev };
    }
    prev = link.hash;
    checked++;
  }
  return { ok: true, checked, firstBrokenSeq: null, lastHash: prev };
}

// ---------------------------------------------------------------------------------------------
// Keyed seals (migration 0015): entries are written without a hash; the sealer links them in the order it seals
// them (`pos`), each link an HMAC under the audit key (crypto.ts, AuditKey) of the entry, its place and the link
// before it. Without the key a link cannot be recomputed from the database alone.
// ---------------------------------------------------------------------------------------------

/** The text a seal's HMAC covers: the JSON array of its position, the entry's seq, the entry's fields and the previous link. */
export function sealText(pos: number, seq: number, content: AuditContent, prevHash: string): string {
  return `[${pos},${seq},${canonicalHead(content).slice(1)}${JSON.stringify(prevHash)}]`;
}

export interface SealLink {
  pos: number;
  seq: number;
  prevHash: string;
  hash: string;
  /** The sealed entry as stored now; null when it is gone. */
  entry: AuditContent | null;
}

export type SealBreak = 'gap' | 'missing_entry' | 'broken_link' | 'bad_hash';

export interface SealCheck {
  ok: boolean;
  checked: number;
  firstBrokenPos: number | null;
  firstBrokenSeq: number | null;
  reason: SealBreak | null;
  lastPos: number;
  lastHash: string;
}

/**
 * Walks seals in position order from `start` (the position and link before the first one). A missing position
 * (a removed seal), a seal whose entry is gone, a seal not pointing at the link before it, or a link that does not
 * match the entry as stored now (an edited entry or seal) stops the walk there.
 */
export function checkSeals(seals: SealLink[], start: { pos: number; hash: string }, mac: (text: string) => string): SealCheck {
  let pos = start.pos;
  let prev = start.hash;
  let checked = 0;
  const broken = (s: SealLink, reason: SealBreak): SealCheck => ({ ok: false, checked, firstBrokenPos: s.pos, firstBrokenSeq: s.seq, reason, lastPos: pos, lastHash: prev });
  for (const s of seals) {
    if (s.pos !== pos + 1) return broken(s, 'gap');
    if (!s.entry) return broken(s, 'missing_entry');
    if (s.prevHash !== prev) return broken(s, 'broken_link');
    if (mac(sealText(s.pos, s.seq, s.entry, s.prevHash)) !== s.hash) return broken(s, 'bad_hash');
    pos = s.pos;
    prev = s.hash;
    checked++;
  }
  return { ok: true, checked, firstBrokenPos: null, firstBrokenSeq: null, reason: null, lastPos: pos, lastHash: prev };
}
