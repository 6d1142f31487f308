import archiver from 'archiver';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { PassThrough } from 'stream';
import { acceptOf, FILE_TYPES, sniffBuffer, sniffFile, typeOfExtension } from './sniff';

async function zipOf(entries: Record<string, string>): Promise<Buffer> {
  const a = archiver('zip');
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  a.pipe(out);
  for (const [name, body] of Object.entries(entries)) a.append(body, { name });
  const done = new Promise((r) => out.on('end', r));
  await a.finalize();
  await done;
  return Buffer.concat(chunks);
}

const ole = (stream: string) => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600), Buffer.from(stream, 'utf16le'), Buffer.alloc(100)]);

describe('content sniffing decides a file type by its bytes', () => {
  it('recognises PDF, PNG and JPEG by their magic bytes', async () => {
    expect(await sniffBuffer(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'))).toEqual({ type: 'pdf', mediaType: 'application/pdf' });
    expect((await sniffBuffer(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])))?.type).toBe('png');
    expect((await sniffBuffer(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46])))?.type).toBe('jpg');
  });

  it('tells DOCX, XLSX and OFD from a plain zip by the container entries', async () => {
    expect((await sniffBuffer(await zipOf({ '[Content_Types].xml': '<x/>', 'word/document.xml': '<w/>' })))?.type).toBe('docx');
    expect((await sniffBuffer(await zipOf({ '[Content_Types].xml': '<x/>', 'xl/workbook.xml': '<w/>' })))?.type).toBe('xlsx');
    expect(await sniffBuffer(await zipOf({ 'OFD.xml': '<ofd:OFD/>', 'Doc_0/Document.xml': '<d/>' }))).toEqual({ type: 'ofd', mediaType: 'application/ofd' });
    expect((await sniffBuffer(await zipOf({ '扫描件/盖章页.pdf': '%PDF-1.4' })))?.type).toBe('zip');
  });

  it('tells legacy DOC from XLS by the compound file stream names', async () => {
    expect((await sniffBuffer(ole('WordDocument')))?.type).toBe('doc');
    expect((await sniffBuffer(ole('Workbook')))?.type).toBe('xls');
  });

  it('rejects an executable renamed to .pdf, a truncated zip and plain text', async () => {
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64), Buffer.from('This program cannot be run in DOS mode')]);
    expect(await sniffBuffer(exe)).toBeNull();
    expect(await sniffBuffer(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toBeNull();
    expect(await sniffBuffer(Buffer.from('hello'))).toBeNull();
    expect(await sniffBuffer(Buffer.alloc(0))).toBeNull();
  });

  it('sniffs a file on disk the same way', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sniff-'));
    try {
      const p = join(dir, 'a.bin');
      writeFileSync(p, await zipOf({ 'word/document.xml': '<w/>' }));
      expect((await sniffFile(p))?.type).toBe('docx');
      writeFileSync(p, Buffer.from('MZ\x90\x00'));
      expect(await sniffFile(p)).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('maps extensions (case-insensitive, jpeg = jpg)', () => {
    expect(typeOfExtension('整改报告.PDF')).toBe('pdf');
    expect(typeOfExtension('现场照片.jpeg')).toBe('jpg');
    expect(typeOfExtension('setup.exe')).toBeNull();
    expect(typeOfExtension('无扩展名')).toBeNull();
  });

  it('derives a file picker’s accept from the types: every extension the server maps to them, then their media types', () => {
    expect(acceptOf(['pdf', 'jpg'])).toBe('.pdf,.jpg,.jpeg,application/pdf,image/jpeg');
    expect(acceptOf(['xlsx'])).toBe('.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    // whatever the picker offers by extension, the server maps back to an accepted type
    const offered = acceptOf(FILE_TYPES).split(',').filter((a) => a.startsWith('.'));
    expect(offered.map((e) => typeOfExtension(`文件${e}`))).not.toContain(null);
    expect(acceptOf(['png'])).not.toContain('.pdf');
  });
});
