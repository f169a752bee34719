import { createHash } from 'node:crypto';

/**
 * A UUID that is a function of `name` (RFC 9562 version 8, built from SHA-256): the same name
 * always gives the same id. Agents name the rows they will write with it (`${runId}:...`), so a
 * resumed or retried run names the same rows as its first attempt, and an answer can name a row
 * before the run's commit writes it.
 */
export function derivedUuid(name: string): string {
  const bytes = createHash('sha256').update(name).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x80; // version 8: custom
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // the RFC variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
