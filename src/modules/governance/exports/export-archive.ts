import archiver from 'archiver';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface ArchiveEntrySource {
  /** The file's name in the archive, without extension: `<table>.jsonl`. */
  table: string;
  lines(): AsyncIterable<string>;
}

export interface ManifestFile {
  table: string;
  file: string;
  rows: number;
  bytes: number;
  sha256: string;
}

export interface WrittenArchive {
  files: ManifestFile[];
  sizeBytes: number;
  sha256: string;
}

/**
 * Writes a zip of one JSON Lines file per source, then manifest.json (made by `manifest` from
 * what was written: counts and each file's SHA-256, computed on the bytes as they stream in).
 * Entries are written one after the other, each streamed: a source is read only while the
 * archive takes its bytes. The archive's own SHA-256 and size are computed on its way to disk.
 */
export async function writeArchive(path: string, sources: ArchiveEntrySource[], manifest: (files: ManifestFile[]) => object): Promise<WrittenArchive> {
  const archive = archiver('zip', { zlib: { level: 6 } });
  const whole = createHash('sha256');
  let sizeBytes = 0;
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      whole.update(chunk);
      sizeBytes += chunk.length;
      done(null, chunk);
    },
  });
  const written = pipeline(archive, measure, createWriteStream(path));
  // The pipeline's failure is the one reported; until then it must not surface as unhandled.
  written.catch(() => undefined);
  const files: ManifestFile[] = [];
  for (const source of sources) {
    const file = `${source.table}.jsonl`;
    const entry: ManifestFile = { table: source.table, file, rows: 0, bytes: 0, sha256: '' };
    const hash = createHash('sha256');
    const bytes = async function* () {
      for await (const line of source.lines()) {
        const chunk = Buffer.from(`${line}\n`, 'utf8');
        hash.update(chunk);
        entry.rows++;
        entry.bytes += chunk.length;
        yield chunk;
      }
    };
    archive.append(Readable.from(bytes()), { name: file });
    await Promise.race([nextEntry(archive), written.then(() => Promise.reject(new Error('the archive ended before its entries were written')))]);
    entry.sha256 = hash.digest('hex');
    files.push(entry);
  }
  archive.append(JSON.stringify(manifest(files), null, 2), { name: 'manifest.json' });
  await archive.finalize();
  await written;
  return { files, sizeBytes, sha256: whole.digest('hex') };
}

function nextEntry(archive: archiver.Archiver): Promise<void> {
  return new Promise((resolve, reject) => {
    const onEntry = () => {
      archive.off('error', onError);
      resolve();
    };
    const onError = (error: Error) => {
      archive.off('entry', onEntry);
      reject(error);
    };
    archive.once('entry', onEntry);
    archive.once('error', onError);
  });
}
