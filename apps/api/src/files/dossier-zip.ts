/**
 * Writes a zip to a stream with archiver, one part at a time: a blob is opened only when the previous one has been
 * written out, stored without recompression (PDF scans and photos are compressed already) and pulled with the
 * destination's back-pressure — memory stays flat however large the dossier (bench/dossier.ts measures it).
 */
import archiver from 'archiver';
import type { Readable, Writable } from 'stream';
import { beijingWallClock } from '@eco/domain';

export type ZipPart =
  | { kind: 'dir'; name: string }
  | { kind: 'data'; name: string; data: Buffer | string | Readable }
  | { kind: 'blob'; name: string; open: () => Promise<Readable>; date?: Date };

export async function streamZip(out: Writable, parts: AsyncIterable<ZipPart> | Iterable<ZipPart>, onWarning?: (message: string) => void): Promise<{ entries: number; bytes: number }> {
  const zip = archiver('zip', { zlib: { level: 6 } });
  let failed: Error | null = null;
  const failure = new Promise<never>((_, reject) =>
    zip.on('error', (e) => {
      failed = e;
      reject(e);
    }),
  );
  failure.catch(() => undefined);
  zip.on('warning', (w) => onWarning?.(w.message));
  const gone = () => {
    if (!out.writableFinished) zip.abort();
  };
  out.on('close', gone);
  zip.pipe(out);
  let entries = 0;
  try {
    for await (const p of parts) {
      if (failed) throw failed;
      if (out.destroyed) throw new Error('the client closed the connection');
      entries++;
      // Zip entry times are DOS wall-clock fields without a zone (archiver writes them from UTC fields): Beijing time.
      const now = beijingWallClock(Date.now());
      if (p.kind === 'dir') zip.append(Buffer.alloc(0), { name: p.name.endsWith('/') ? p.name : `${p.name}/`, date: now });
      else if (p.kind === 'data') zip.append(p.data, { name: p.name, date: now });
      else {
        const body = await p.open();
        const written = entryWritten(zip, p.name);
        zip.append(body, { name: p.name, store: true, date: p.date ? beijingWallClock(p.date.getTime()) : now });
        await Promise.race([written, failure]); // one blob open at a time
      }
    }
    await Promise.race([zip.finalize(), failure]);
    return { entries, bytes: zip.pointer() };
  } finally {
    out.off('close', gone);
  }
}

function entryWritten(zip: archiver.Archiver, name: string): Promise<void> {
  return new Promise((resolve) => {
    const on = (e: archiver.EntryData) => {
      if (e.name === name) {
        zip.off('entry', on);
        resolve();
      }
    };
    zip.on('entry', on);
  });
}
