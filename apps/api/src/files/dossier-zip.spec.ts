import { Readable, Writable } from 'stream';
import { streamZip } from './dossier-zip';

/** The DOS date/time of every local file header (PK\x03\x04) in a zip, as 'YYYY-MM-DD HH:MM'. */
function entryTimes(zip: Buffer): string[] {
  const out: string[] = [];
  for (let i = zip.indexOf('PK\x03\x04'); i >= 0; i = zip.indexOf('PK\x03\x04', i + 4)) {
    const time = zip.readUInt16LE(i + 10);
    const date = zip.readUInt16LE(i + 12);
    const pad = (n: number) => String(n).padStart(2, '0');
    out.push(`${(date >> 9) + 1980}-${pad((date >> 5) & 15)}-${pad(date & 31)} ${pad(time >> 11)}:${pad((time >> 5) & 63)}`);
  }
  return out;
}

describe('dossier zip entry times', () => {
  it('are Beijing wall-clock time (a file uploaded 13:36 UTC reads 21:36)', async () => {
    const chunks: Buffer[] = [];
    const out = new Writable({ write: (c, _e, cb) => (chunks.push(c), cb()) });
    const uploaded = new Date('2026-12-04T13:36:20Z');
    await streamZip(out, [{ kind: 'blob', name: '材料/a.pdf', open: async () => Readable.from([Buffer.from('%PDF-1.4')]), date: uploaded }]);
    expect(entryTimes(Buffer.concat(chunks))).toEqual(['2026-12-04 21:36']);
  });
});
