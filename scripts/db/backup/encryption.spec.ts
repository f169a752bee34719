import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { CommandRefusal } from '../cli';
import { backupKey, decryptFile, encrypt, isEncrypted } from './encryption';

describe(decryptFile.name, () => {
  const key = randomBytes(32);
  const plain = randomBytes(200_000);
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'neonhub-enc-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function encrypted(): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of encrypt(Readable.from([plain.subarray(0, 70_000), plain.subarray(70_000)]), key)) chunks.push(chunk);
    const file = join(dir, 'backup.dump.enc');
    writeFileSync(file, Buffer.concat(chunks));
    return file;
  }

  async function refusal(promise: Promise<unknown>): Promise<CommandRefusal> {
    const error = await promise.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(CommandRefusal);
    return error as CommandRefusal;
  }

  it('should give back the exact bytes it encrypted', async () => {
    const file = await encrypted();

    await decryptFile(file, join(dir, 'out'), key);

    expect(await isEncrypted(file)).toBe(true);
    expect(readFileSync(file).includes(plain.subarray(0, 64))).toBe(false);
    expect(readFileSync(join(dir, 'out')).equals(plain)).toBe(true);
  });

  it('should refuse a body altered by one bit with the integrity exit code', async () => {
    const file = await encrypted();
    const bytes = readFileSync(file);
    bytes[bytes.length - 1000]! ^= 1;
    writeFileSync(file, bytes);

    const sut = await refusal(decryptFile(file, join(dir, 'out'), key));

    expect(sut.message).toContain('failed authentication');
    expect(sut.exitCode).toBe(3);
  });

  it('should refuse an altered header (the IV), which the tag covers too', async () => {
    const file = await encrypted();
    const bytes = readFileSync(file);
    bytes[40]! ^= 1;
    writeFileSync(file, bytes);

    expect((await refusal(decryptFile(file, join(dir, 'out'), key))).exitCode).toBe(3);
  });

  it('should name a wrong key as such, before decrypting anything', async () => {
    const file = await encrypted();

    const sut = await refusal(decryptFile(file, join(dir, 'out'), randomBytes(32)));

    expect(sut.message).toMatch(/encrypted with the key of fingerprint [0-9a-f]{16}, NEONHUB_BACKUP_KEY has [0-9a-f]{16}: wrong key/);
    expect(sut.exitCode).toBe(2);
  });
});

describe(backupKey.name, () => {
  it('should take the base64 of 32 bytes and nothing else', () => {
    const key = randomBytes(32);

    expect(backupKey({ NEONHUB_BACKUP_KEY: key.toString('base64') })?.equals(key)).toBe(true);
    expect(backupKey({})).toBeUndefined();
    expect(() => backupKey({ NEONHUB_BACKUP_KEY: randomBytes(16).toString('base64') })).toThrow('NEONHUB_BACKUP_KEY must be the base64 of 32 bytes');
    expect(() => backupKey({ NEONHUB_BACKUP_KEY: 'not base64 at all!' })).toThrow(CommandRefusal);
  });
});
