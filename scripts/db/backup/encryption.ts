import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { CommandRefusal } from '../cli';
import { INTEGRITY_EXIT_CODE } from './checksum';

/**
 * An encrypted backup: MAGIC, the key's fingerprint (8 bytes), a 12-byte IV, the AES-256-GCM
 * ciphertext of the pg_dump archive, then the 16-byte tag. The header is authenticated data, so
 * neither it nor one byte of the body can change without the restore refusing. node:crypto,
 * not `openssl enc`: enc has no authenticated mode (GCM is refused there), would leave a
 * tampered backup to fail halfway through pg_restore, and wants the key on its command line.
 */
const MAGIC = Buffer.from('NEONHUB-BACKUP-AES256GCM-1\n', 'ascii');
const FINGERPRINT_BYTES = 8;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + FINGERPRINT_BYTES + IV_BYTES;

export const KEY_VARIABLE = 'NEONHUB_BACKUP_KEY';

/** NEONHUB_BACKUP_KEY: base64 of 32 random bytes (`openssl rand -base64 32`); unset means no encryption. */
export function backupKey(env: NodeJS.ProcessEnv): Buffer | undefined {
  const text = env[KEY_VARIABLE];
  if (!text) return undefined;
  const key = Buffer.from(text, 'base64');
  if (key.length !== 32 || key.toString('base64') !== text.trim()) {
    throw new CommandRefusal(`${KEY_VARIABLE} must be the base64 of 32 bytes (openssl rand -base64 32)`, 2);
  }
  return key;
}

export function keyFingerprint(key: Buffer): Buffer {
  return createHash('sha256').update('neonhub-backup-key').update(key).digest().subarray(0, FINGERPRINT_BYTES);
}

/** Encrypts a stream on its way to disk: the plain archive never touches the disk. */
export async function* encrypt(source: AsyncIterable<Buffer>, key: Buffer): AsyncGenerator<Buffer> {
  const iv = randomBytes(IV_BYTES);
  const header = Buffer.concat([MAGIC, keyFingerprint(key), iv]);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(header);
  yield header;
  for await (const chunk of source) yield cipher.update(chunk);
  yield cipher.final();
  yield cipher.getAuthTag();
}

export async function isEncrypted(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(MAGIC.length), 0, MAGIC.length, 0);
    return bytesRead === MAGIC.length && buffer.equals(MAGIC);
  } finally {
    await handle.close();
  }
}

/**
 * Decrypts `file` into `out` and checks the tag before returning. pg_restore reads `out` only
 * after that: GCM authenticates at the end, so streaming straight into pg_restore would load
 * unauthenticated rows first and discover the forgery last.
 */
export async function decryptFile(file: string, out: string, key: Buffer): Promise<void> {
  const { size } = await stat(file);
  if (size < HEADER_BYTES + TAG_BYTES) throw new CommandRefusal(`${file} is too short to be an encrypted backup`, INTEGRITY_EXIT_CODE);
  const handle = await open(file, 'r');
  let header: Buffer;
  let tag: Buffer;
  try {
    header = (await handle.read(Buffer.alloc(HEADER_BYTES), 0, HEADER_BYTES, 0)).buffer;
    tag = (await handle.read(Buffer.alloc(TAG_BYTES), 0, TAG_BYTES, size - TAG_BYTES)).buffer;
  } finally {
    await handle.close();
  }
  const fingerprint = header.subarray(MAGIC.length, MAGIC.length + FINGERPRINT_BYTES);
  if (!fingerprint.equals(keyFingerprint(key))) {
    throw new CommandRefusal(
      `the backup was encrypted with the key of fingerprint ${fingerprint.toString('hex')}, ${KEY_VARIABLE} has ${keyFingerprint(key).toString('hex')}: wrong key`,
      2,
    );
  }
  const decipher = createDecipheriv('aes-256-gcm', key, header.subarray(MAGIC.length + FINGERPRINT_BYTES));
  decipher.setAAD(header);
  decipher.setAuthTag(tag);
  try {
    await pipeline(createReadStream(file, { start: HEADER_BYTES, end: size - TAG_BYTES - 1 }), decipher, createWriteStream(out, { mode: 0o600 }));
  } catch (error) {
    if ((error as Error).message.includes('authenticate')) {
      throw new CommandRefusal('the encrypted backup failed authentication: it was altered after it was written, refusing to restore', INTEGRITY_EXIT_CODE);
    }
    throw error;
  }
}
