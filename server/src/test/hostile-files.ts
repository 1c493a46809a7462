import { constants, crc32, deflateRawSync } from 'node:zlib';
import iconv from 'iconv-lite';

/**
 * Hostile files, made in memory for the tests and the bench (nothing large is committed): ZIP archives written
 * byte by byte so that an entry's declared size can lie, deflate streams that inflate to gigabytes from a few
 * megabytes, minimal valid workbooks, and the usual wrong files (binaries named .csv, broken encodings).
 */

export interface ZipEntry {
  name: string;
  /** The entry's content, deflated here; or `raw` below. */
  data?: Buffer;
  /** An already deflated stream (method 8), with the size and CRC to declare. */
  raw?: { deflated: Buffer; size: number; crc?: number };
  /** Declare this uncompressed size instead of the real one (a lying archive). */
  declaredSize?: number;
}

export function zipArchive(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const deflated = e.raw ? e.raw.deflated : deflateRawSync(e.data ?? Buffer.alloc(0));
    const size = e.declaredSize ?? (e.raw ? e.raw.size : (e.data?.length ?? 0));
    const crc = e.raw ? (e.raw.crc ?? 0) : crc32(e.data ?? Buffer.alloc(0));
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(deflated.length, 18);
    local.writeUInt32LE(size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(deflated.length, 20);
    central.writeUInt32LE(size >>> 0, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, deflated);
    centrals.push(central, name);
    offset += 30 + name.length + deflated.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/**
 * A raw deflate stream of `prefix`, then `chunk` repeated `times`, then `suffix`: each piece is deflated once with a
 * full flush (no reference crosses it), so the repeats are copies of one small compressed piece.
 */
export function repeatedDeflate(prefix: string, chunk: Buffer, times: number, suffix: string): { deflated: Buffer; size: number } {
  const flush = { finishFlush: constants.Z_FULL_FLUSH };
  const piece = deflateRawSync(chunk, flush);
  const parts = [deflateRawSync(Buffer.from(prefix), flush), ...Array<Buffer>(times).fill(piece), deflateRawSync(Buffer.from(suffix))];
  return { deflated: Buffer.concat(parts), size: Buffer.byteLength(prefix) + chunk.length * times + Buffer.byteLength(suffix) };
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function colName(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The parts of a minimal workbook around one sheet; `sheet` and `shared` are the XML of those two parts. */
function workbookParts(): ZipEntry[] {
  const ct =
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>';
  const rels =
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>';
  const workbook =
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Hoja1" sheetId="1" r:id="rId1"/></sheets></workbook>';
  const wbRels =
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>';
  return [
    { name: '[Content_Types].xml', data: Buffer.from(ct) },
    { name: '_rels/.rels', data: Buffer.from(rels) },
    { name: 'xl/workbook.xml', data: Buffer.from(workbook) },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(wbRels) },
  ];
}

const SHEET_OPEN = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_CLOSE = '</sheetData></worksheet>';
const SST_OPEN = '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';

/** A valid workbook: text cells as shared strings, numbers as numbers, strings starting with `=` as formulas. */
export function xlsxOf(rows: (string | number)[][]): Buffer {
  const strings: string[] = [];
  const body = rows
    .map((r, i) => {
      const cells = r
        .map((v, j) => {
          const ref = `${colName(j)}${i + 1}`;
          if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
          if (v.startsWith('=')) return `<c r="${ref}" t="str"><f>${xmlEscape(v.slice(1))}</f><v>${xmlEscape(v)}</v></c>`;
          strings.push(v);
          return `<c r="${ref}" t="s"><v>${strings.length - 1}</v></c>`;
        })
        .join('');
      return `<row r="${i + 1}">${cells}</row>`;
    })
    .join('');
  const sst = `${SST_OPEN}${strings.map((s) => `<si><t xml:space="preserve">${xmlEscape(s)}</t></si>`).join('')}</sst>`;
  return zipArchive([...workbookParts(), { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(SHEET_OPEN + body + SHEET_CLOSE) }, { name: 'xl/sharedStrings.xml', data: Buffer.from(sst) }]);
}

/** A header row and one data row whose first cell is shared string 0: `megabytes` of 'A', honest or lying about its size. */
export function sharedStringBomb(megabytes: number, lie: boolean): Buffer {
  const chunk = Buffer.alloc(1024 * 1024, 'A');
  const sst = repeatedDeflate(`${SST_OPEN}<si><t>h</t></si><si><t>`, chunk, megabytes, '</t></si></sst>');
  const sheet = `${SHEET_OPEN}<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2"><v>1</v></c></row>${SHEET_CLOSE}`;
  return zipArchive([...workbookParts(), { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(sheet) }, { name: 'xl/sharedStrings.xml', raw: sst, declaredSize: lie ? 4096 : undefined }]);
}

/** A sheet that inflates to `gigabytes` GiB of rows from a few MB; honest (the directory says so) or lying. */
export function zipBomb(gigabytes: number, lie: boolean): Buffer {
  const row = Buffer.from('<row><c t="inlineStr"><is><t>x</t></is></c><c><v>1</v></c></row>');
  const chunk = Buffer.concat(Array<Buffer>(Math.floor((16 * 1024 * 1024) / row.length)).fill(row));
  const times = Math.ceil((gigabytes * 1024 ** 3) / chunk.length);
  const sheet = repeatedDeflate(SHEET_OPEN, chunk, times, SHEET_CLOSE);
  // The ZIP directory holds 32-bit sizes: an honest bomb past 4 GiB would need ZIP64, so it declares the most it can.
  return zipArchive([...workbookParts(), { name: 'xl/worksheets/sheet1.xml', raw: { ...sheet, size: Math.min(sheet.size, 0xffffffff) }, declaredSize: lie ? 4096 : undefined }, { name: 'xl/sharedStrings.xml', data: Buffer.from(`${SST_OPEN}</sst>`) }]);
}

export const PNG_BYTES = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
export const PDF_BYTES = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> stream\n\x00\x01\x02\x03endstream endobj\n%%EOF\n', 'latin1');

/** Bytes from a fixed-seed generator: the same "random" file on every run. */
export function randomBytes(length: number, seed = 12): Buffer {
  const out = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out[i] = x >>> 16;
  }
  return out;
}

/** CSV text as bytes in one of the encodings people send, broken ones included. */
export const encoded = {
  utf16le: (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
  latin1: (text: string) => iconv.encode(text, 'latin1'),
  /** UTF-8 with a lone continuation byte and a truncated sequence: not UTF-8, so read as Windows-1252. */
  brokenUtf8: (text: string) => Buffer.concat([Buffer.from(text, 'utf8'), Buffer.from([0x80, 0xe2, 0x82])]),
};

/** `rows` lines of a two-column CSV, header first. */
export function manyRows(rows: number, header = 'a,b'): Buffer {
  const line = Buffer.from('1,2\n');
  const out = Buffer.alloc(header.length + 1 + line.length * rows);
  out.write(`${header}\n`);
  for (let i = 0, at = header.length + 1; i < rows; i++, at += line.length) line.copy(out, at);
  return out;
}
