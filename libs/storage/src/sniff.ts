/**
 * What a file is, decided by its CONTENT (magic bytes), never by its name alone. OFD, DOCX and XLSX are zip
 * containers: their entries decide (OFD.xml, word/document.xml, xl/workbook.xml). Legacy DOC/XLS are OLE compound
 * files: the directory's stream names decide (WordDocument, Workbook/Book).
 */
import { open } from 'fs/promises';

export const FILE_TYPES = ['pdf', 'ofd', 'doc', 'docx', 'xls', 'xlsx', 'jpg', 'png', 'zip'] as const;
export type FileType = (typeof FILE_TYPES)[number];

export const MEDIA_TYPES: Record<FileType, string> = {
  pdf: 'application/pdf',
  ofd: 'application/ofd',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  jpg: 'image/jpeg',
  png: 'image/png',
  zip: 'application/zip',
};

/** Extensions people give each type (lower case, without the dot). */
export const EXTENSIONS: Record<FileType, string[]> = {
  pdf: ['pdf'],
  ofd: ['ofd'],
  doc: ['doc'],
  docx: ['docx'],
  xls: ['xls'],
  xlsx: ['xlsx'],
  jpg: ['jpg', 'jpeg'],
  png: ['png'],
  zip: ['zip'],
};

export function typeOfExtension(name: string): FileType | null {
  const m = /\.([A-Za-z0-9]+)$/.exec(name);
  if (!m) return null;
  const ext = m[1].toLowerCase();
  return (FILE_TYPES.find((t) => EXTENSIONS[t].includes(ext)) as FileType | undefined) ?? null;
}

/**
 * What a file picker (`<input type="file" accept>`) offers for these types, from the same tables the server judges
 * uploads by: every extension people give them (with the dot), then their media types (image/jpeg lets a phone take a
 * photo). Only a convenience for the picker: the server still decides by content.
 */
export function acceptOf(types: readonly FileType[]): string {
  const extensions = types.flatMap((t) => EXTENSIONS[t].map((e) => `.${e}`));
  return [...new Set([...extensions, ...types.map((t) => MEDIA_TYPES[t])])].join(',');
}

export interface Sniffed {
  type: FileType;
  mediaType: string;
}

/** Sniffs a file on disk; null when the content is none of the known types. */
export async function sniffFile(path: string): Promise<Sniffed | null> {
  const fh = await open(path, 'r');
  try {
    const size = (await fh.stat()).size;
    const head = Buffer.alloc(Math.min(size, 16));
    await fh.read(head, 0, head.length, 0);
    const type = await sniffHead(head, size, fh);
    return type ? { type, mediaType: MEDIA_TYPES[type] } : null;
  } finally {
    await fh.close();
  }
}

interface RandomAccess {
  read(buffer: Buffer, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
}

/** Sniffs a whole buffer (unit tests and small payloads). */
export async function sniffBuffer(buf: Buffer): Promise<Sniffed | null> {
  const ra: RandomAccess = {
    async read(b, off, len, pos) {
      const n = Math.max(0, Math.min(len, buf.length - pos));
      buf.copy(b, off, pos, pos + n);
      return { bytesRead: n };
    },
  };
  const type = await sniffHead(buf.subarray(0, 16), buf.length, ra);
  return type ? { type, mediaType: MEDIA_TYPES[type] } : null;
}

const PDF = Buffer.from('%PDF-');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPG = Buffer.from([0xff, 0xd8, 0xff]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_LOCAL = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const ZIP_EMPTY = Buffer.from([0x50, 0x4b, 0x05, 0x06]);

async function sniffHead(head: Buffer, size: number, ra: RandomAccess): Promise<FileType | null> {
  const starts = (sig: Buffer) => head.length >= sig.length && head.subarray(0, sig.length).equals(sig);
  if (starts(PDF)) return 'pdf';
  if (starts(PNG)) return 'png';
  if (starts(JPG)) return 'jpg';
  if (starts(OLE)) return sniffOle(size, ra);
  if (starts(ZIP_LOCAL) || starts(ZIP_EMPTY)) {
    const names = await zipEntryNames(size, ra);
    if (!names) return null; // not a readable zip
    const set = new Set(names.map((n) => n.replace(/^\/+/, '')));
    if (set.has('word/document.xml')) return 'docx';
    if (set.has('xl/workbook.xml')) return 'xlsx';
    if (set.has('OFD.xml')) return 'ofd';
    return 'zip';
  }
  return null;
}

/** Names of a zip's entries from its central directory (null when there is none). */
export async function zipEntryNames(size: number, ra: RandomAccess): Promise<string[] | null> {
  const tailLen = Math.min(size, 22 + 0xffff);
  const tail = Buffer.alloc(tailLen);
  await ra.read(tail, 0, tailLen, size - tailLen);
  let eocd = -1;
  for (let i = tailLen - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  let count = tail.readUInt16LE(eocd + 10);
  let cdSize = tail.readUInt32LE(eocd + 12);
  let cdOffset = tail.readUInt32LE(eocd + 16);
  if (cdOffset === 0xffffffff || cdSize === 0xffffffff || count === 0xffff) {
    // ZIP64: the locator sits just before the end-of-central-directory record.
    const loc = eocd - 20;
    if (loc < 0 || tail.readUInt32LE(loc) !== 0x07064b50) return null;
    const z64At = Number(tail.readBigUInt64LE(loc + 8));
    const z64 = Buffer.alloc(56);
    await ra.read(z64, 0, 56, z64At);
    if (z64.readUInt32LE(0) !== 0x06064b50) return null;
    count = Number(z64.readBigUInt64LE(32));
    cdSize = Number(z64.readBigUInt64LE(40));
    cdOffset = Number(z64.readBigUInt64LE(48));
  }
  if (cdOffset + cdSize > size || cdSize > 64 * 1024 * 1024) return null;
  const cd = Buffer.alloc(cdSize);
  await ra.read(cd, 0, cdSize, cdOffset);
  const names: string[] = [];
  let p = 0;
  for (let i = 0; i < count && p + 46 <= cd.length; i++) {
    if (cd.readUInt32LE(p) !== 0x02014b50) return null;
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    names.push(cd.subarray(p + 46, p + 46 + nameLen).toString('utf8'));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

/** Legacy Office: look for the stream names in the compound file's directory (UTF-16LE). */
async function sniffOle(size: number, ra: RandomAccess): Promise<FileType | null> {
  const word = Buffer.from('WordDocument', 'utf16le');
  const book = Buffer.from('Workbook', 'utf16le');
  const book5 = Buffer.from('Book\u0000', 'utf16le');
  const chunk = 1024 * 1024;
  const overlap = 32;
  const buf = Buffer.alloc(chunk + overlap);
  for (let pos = 0; pos < size; pos += chunk) {
    const len = Math.min(chunk + overlap, size - pos);
    const { bytesRead } = await ra.read(buf, 0, len, pos);
    const view = buf.subarray(0, bytesRead);
    if (view.includes(word)) return 'doc';
    if (view.includes(book) || view.includes(book5)) return 'xls';
  }
  return null;
}
