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

export function entryHash(content: AuditContent, prevHash: string): string {
  // A fixed array order makes the serialisation canonical.
  const canonical = JSON.stringify([
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
    prevHash,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
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
