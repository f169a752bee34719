import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes a new one-key vault key ring (`k1:<base64 of 32 random bytes>`, the form
 * NEONHUB_ENCRYPTION_KEYS takes) to `file`, readable by its owner only, unless the file exists:
 * a ring already in use must never be replaced, or every credential sealed under it is lost.
 */
export function ensureKeyRingFile(file: string): { created: boolean } {
  mkdirSync(dirname(file), { recursive: true });
  try {
    // 'wx' fails when the file exists, so two starts racing cannot both write.
    writeFileSync(file, `k1:${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    return { created: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { created: false };
    throw error;
  }
}
