import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandRefusal } from '../cli';
import { sha256OfFile, verifyChecksumFile, writeChecksumFile } from './checksum';

describe(verifyChecksumFile.name, () => {
  let dir: string;
  let file: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'neonhub-sum-'));
    file = join(dir, 'b.dump');
    writeFileSync(file, 'PGDMP archive bytes');
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function refusal(): Promise<CommandRefusal> {
    const error = await verifyChecksumFile(file).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(CommandRefusal);
    expect((error as CommandRefusal).exitCode).toBe(3);
    return error as CommandRefusal;
  }

  it('should accept the file its checksum file was written for', async () => {
    await writeChecksumFile(file, await sha256OfFile(file));

    await expect(verifyChecksumFile(file)).resolves.toBe(createHash('sha256').update('PGDMP archive bytes').digest('hex'));
  });

  it('should refuse a file changed after its checksum was written', async () => {
    await writeChecksumFile(file, await sha256OfFile(file));
    writeFileSync(file, 'PGDMP archive bytes, altered');

    expect((await refusal()).message).toMatch(/^checksum mismatch: b\.dump has sha256 [0-9a-f]{64} but b\.dump\.sha256 records [0-9a-f]{64}/);
  });

  it('should refuse a backup without a checksum file, or with one that holds no checksum', async () => {
    expect((await refusal()).message).toContain('no checksum file');

    writeFileSync(`${file}.sha256`, 'not a checksum\n');

    expect((await refusal()).message).toContain('does not hold a sha256 checksum');
  });
});
