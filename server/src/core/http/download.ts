import type { FastifyReply } from 'fastify';

/**
 * The one place that answers with a file to download (analytics exports, case and person exports, attachments).
 * Always `Content-Disposition: attachment` (a browser saves the file, never renders it in the platform's origin),
 * `X-Content-Type-Options: nosniff` (the type is the one given, never guessed from the bytes), and the file name
 * twice: `filename` in plain ASCII for old clients, and `filename*` in UTF-8 with every byte outside RFC 8187's
 * attr-char percent-encoded (`'`, `(`, `*` included, which `encodeURIComponent` leaves as they are).
 */

const ATTR_CHAR = /[A-Za-z0-9!#$&+\-.^_`|~]/;

/** RFC 8187 `value-chars`: UTF-8 bytes, each outside attr-char as %XX. */
export function encodeRfc8187(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += byte < 0x80 && ATTR_CHAR.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** The header value for a file named `fileName`. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\w.\- ]/g, '_') || 'download';
  if (ascii === fileName) return `attachment; filename="${ascii}"`;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc8187(fileName)}`;
}

/** Extension of each type the platform serves, so a saved file opens as what it was verified to be. */
const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'text/csv': 'csv',
  'application/json': 'json',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
};

/** `fileName` with the extension of `contentType` in place of its own (`poly.html` as a PDF is `poly.pdf`). */
export function nameForType(fileName: string, contentType: string): string {
  const ext = EXTENSIONS[contentType.split(';')[0]!.trim()];
  if (!ext) return fileName;
  const base = fileName.replace(/\.[^./\\]*$/, '').trim() || 'file';
  return `${base}.${ext}`;
}

/** Headers of a download whose body the route's serialiser writes (a JSON export with a response schema). */
export function downloadHeaders(reply: FastifyReply, fileName: string): FastifyReply {
  return reply.header('content-disposition', contentDisposition(fileName)).header('x-content-type-options', 'nosniff');
}

/** Sends bytes or text as a file of `contentType`, named with that type's extension. */
export function sendDownload(reply: FastifyReply, file: { fileName: string; contentType: string; body: string | Buffer }) {
  return downloadHeaders(reply.type(file.contentType), nameForType(file.fileName, file.contentType)).send(file.body);
}
