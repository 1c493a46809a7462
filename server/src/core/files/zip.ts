import { inflateRawSync } from 'node:zlib';
import type { FileLimitKey, FileLimits } from './limits.js';
import { mib } from './limits.js';

/**
 * The few entries of a ZIP archive (an XLSX) that a reader asks for, inflated within a byte budget. Written here
 * rather than taken from a library because the budget must hold while inflating: the central directory's declared
 * sizes are summed first (an honest bomb stops there), then each entry is inflated with `maxOutputLength` set to
 * what is left of the budget and to `compressionRatio` times its compressed size (a bomb that lies about its size
 * stops there, after at most that many bytes). Pure; no ZIP64, no encryption, no spanning (XLSX files never need
 * them below 4 GiB).
 */

export class ZipError extends Error {
  constructor(
    readonly key: FileLimitKey | 'unreadable',
    readonly params: Record<string, string | number> = {},
  ) {
    super(key);
  }
}

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const MAX_ENTRIES = 10_000;

export class ZipReader {
  private readonly entries = new Map<string, Entry>();
  private inflated = 0;

  constructor(
    private readonly bytes: Buffer,
    private readonly limits: FileLimits,
  ) {
    const eocd = this.findEndOfDirectory();
    const count = bytes.readUInt16LE(eocd + 10);
    const dirOffset = bytes.readUInt32LE(eocd + 16);
    if (count === 0xffff || dirOffset === 0xffffffff) throw new ZipError('unreadable');
    if (count > MAX_ENTRIES) throw new ZipError('unreadable');
    let at = dirOffset;
    let declared = 0;
    for (let i = 0; i < count; i++) {
      if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) throw new ZipError('unreadable');
      const nameLength = bytes.readUInt16LE(at + 28);
      const entry: Entry = {
        method: bytes.readUInt16LE(at + 10),
        compressedSize: bytes.readUInt32LE(at + 20),
        size: bytes.readUInt32LE(at + 24),
        localOffset: bytes.readUInt32LE(at + 42),
        name: bytes.toString('utf8', at + 46, at + 46 + nameLength),
      };
      declared += entry.size;
      this.entries.set(entry.name.replace(/^\/+/, ''), entry);
      at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    }
    if (declared > limits.uncompressedBytes) throw new ZipError('uncompressed_too_large', { size: mib(declared), max: mib(limits.uncompressedBytes) });
  }

  private findEndOfDirectory(): number {
    const b = this.bytes;
    for (let at = b.length - 22; at >= Math.max(0, b.length - 22 - 0xffff); at--) if (b.readUInt32LE(at) === 0x06054b50) return at;
    throw new ZipError('unreadable');
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The entry's bytes, or undefined when the archive has no such entry. Counts against the budget of the archive. */
  read(name: string): Buffer | undefined {
    const entry = this.entries.get(name);
    if (!entry) return undefined;
    const b = this.bytes;
    const local = entry.localOffset;
    if (local + 30 > b.length || b.readUInt32LE(local) !== 0x04034b50) throw new ZipError('unreadable');
    const start = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
    const end = start + entry.compressedSize;
    if (end > b.length) throw new ZipError('unreadable');
    const raw = b.subarray(start, end);
    const left = this.limits.uncompressedBytes - this.inflated;
    const ratioCap = Math.max(this.limits.ratioFloorBytes, entry.compressedSize * this.limits.compressionRatio);
    let data: Buffer;
    if (entry.method === 0) data = raw;
    else if (entry.method === 8) {
      try {
        data = inflateRawSync(raw, { maxOutputLength: Math.max(1, Math.min(left, ratioCap)) });
      } catch (error) {
        if ((error as { code?: string }).code !== 'ERR_BUFFER_TOO_LARGE') throw new ZipError('unreadable');
        if (ratioCap < left) throw new ZipError('compression_ratio', { entry: name, max: this.limits.compressionRatio });
        throw new ZipError('uncompressed_too_large', { size: `> ${mib(this.limits.uncompressedBytes)}`, max: mib(this.limits.uncompressedBytes) });
      }
    } else throw new ZipError('unreadable');
    if (data.length > left) throw new ZipError('uncompressed_too_large', { size: `> ${mib(this.limits.uncompressedBytes)}`, max: mib(this.limits.uncompressedBytes) });
    // A size that differs from the directory's is a damaged or forged archive: refuse rather than guess.
    if (data.length !== entry.size) throw new ZipError('unreadable');
    this.inflated += data.length;
    return data;
  }
}

export const looksLikeZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
