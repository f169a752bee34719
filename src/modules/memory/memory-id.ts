import { createHash } from 'node:crypto';

/**
 * The id of the memory one tool call writes, derived from the call's idempotency key (stable across
 * attempts of the same step): a call repeated after a crash between the write and its record
 * writes the same row again, which ON CONFLICT DO NOTHING turns into no write. Formatted as a
 * name-based UUID (version 5 layout over SHA-256 rather than SHA-1; nothing reads the version).
 */
export function memoryIdFor(idempotencyKey: string): string {
  const bytes = createHash('sha256').update(`agent-memory:${idempotencyKey}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
