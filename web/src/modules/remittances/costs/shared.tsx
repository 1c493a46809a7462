import { Tag } from '../../../app/components/Layout';
import { useI18n, type MessageKey } from '../../../app/i18n';
import type { SdgStatus } from './types';

/** Pieces the cost pages share. */

const STATUS_COLOUR = { target_met: 'green', above_target: 'yellow', flagged: 'red' } as const;

/** "1.234,5" or "1,234.5" or "200": a positive amount, or null. */
export function readAmount(text: string): number | null {
  const t = text.replace(/[\s\u00a0$]|US/g, '');
  if (!/^\d[\d.,]*$/.test(t)) return null;
  const lastSep = Math.max(t.lastIndexOf(','), t.lastIndexOf('.'));
  const decimals = lastSep >= 0 && t.length - lastSep - 1 <= 2 ? lastSep : -1;
  const whole = (decimals >= 0 ? t.slice(0, decimals) : t).replace(/[.,]/g, '');
  const n = Number(decimals >= 0 ? `${whole}.${t.slice(decimals + 1)}` : whole);
  return Number.isFinite(n) && n > 0 ? n : null;
}

export function StatusTag({ status }: { status: SdgStatus }) {
  const { t } = useI18n();
  return <Tag colour={STATUS_COLOUR[status]}>{t(`rc.status.${status}` as MessageKey)}</Tag>;
}


/** A decimal number as typed in a form: "7,7512" or "7.7512" (no thousands separators); null when not a number. */
export function readDecimal(text: string): number | null {
  const t = text.trim().replace(/\s/g, '');
  if (!/^-?\d*[.,]?\d+$|^-?\d+[.,]$/.test(t)) return null;
  const n = Number(t.replace(',', '.'));
  return Number.isFinite(n) ? n : null;
}

/** Reads a chosen file as base64, to send in JSON. */
export async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
