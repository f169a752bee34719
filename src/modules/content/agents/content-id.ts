import { createHash } from 'node:crypto';

/**
 * The id of the content a run writes, derived from the run's id: every attempt of the run names
 * the same row in its output, and a run writes at most one content (its COMPLETED commit).
 * Formatted as a name-based UUID (version 5 layout over SHA-256 rather than SHA-1; nothing reads the version).
 */
export function contentIdFor(runId: string): string {
  const bytes = createHash('sha256').update(`content:${runId}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
