import type { SecretOwner } from './secret-box';

/** A sealed row as rotation needs it: who owns it (the AAD) and what it holds. */
export interface SealedRow {
  id: string;
  owner: SecretOwner;
  ciphertext: string;
}

/** Storage for rotation: batches of rows not sealed under the current key, and a compare-and-set. */
export interface RotationStore {
  /** Up to `limit` rows with a ciphertext whose key id is not `currentKeyId`, ids above `afterId`, by id. */
  staleBatch(currentKeyId: string, afterId: string | undefined, limit: number): Promise<SealedRow[]>;
  /** Replaces the ciphertext only if it is still `previous` (a refresh may have rewritten the row). */
  replace(id: string, previous: string, next: { ciphertext: string; keyId: string }): Promise<boolean>;
}

export interface Resealer {
  readonly currentKeyId: string;
  /** Decrypts with whichever ring key sealed it, re-encrypts under the current key, for the same owner. */
  reseal(owner: SecretOwner, ciphertext: string): { ciphertext: string; keyId: string };
}

export interface RotationReport {
  /** Re-encrypted under the current key. */
  rotated: number;
  /** Rewritten by someone else meanwhile (a refresh or a reconnect, sealed under the current key already). */
  skipped: number;
  /** Could not be decrypted (key missing from the ring, or the row was tampered with): left as they were. */
  failed: number;
  failedIds: string[];
}

/**
 * Re-encrypts every connection secret not sealed under the current key, in batches, by id order.
 * Idempotent: a second run finds nothing to do. Rows that cannot be decrypted are reported and
 * left alone; rotation never deletes or blanks a credential.
 */
export async function rotateSecrets(store: RotationStore, resealer: Resealer, options: { batchSize?: number; onBatch?: (report: RotationReport) => void } = {}): Promise<RotationReport> {
  const report: RotationReport = { rotated: 0, skipped: 0, failed: 0, failedIds: [] };
  let afterId: string | undefined;
  for (;;) {
    const batch = await store.staleBatch(resealer.currentKeyId, afterId, options.batchSize ?? 100);
    if (batch.length === 0) return report;
    for (const row of batch) {
      let next: { ciphertext: string; keyId: string };
      try {
        next = resealer.reseal(row.owner, row.ciphertext);
      } catch {
        report.failed++;
        report.failedIds.push(row.id);
        continue;
      }
      if (await store.replace(row.id, row.ciphertext, next)) report.rotated++;
      else report.skipped++;
    }
    afterId = batch[batch.length - 1].id;
    options.onBatch?.(report);
  }
}
