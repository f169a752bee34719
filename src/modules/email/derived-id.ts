import { createHash } from 'node:crypto';

/**
 * A UUID that is a function of `seed` (a run id and what the id is for): a row an agent writes at
 * commit must keep the id its earlier attempt already handed to child runs and named in its step
 * log, so it cannot be drawn at random. Shaped as RFC 9562 version 8 (custom), variant 10.
 */
export function derivedUuid(...seed: string[]): string {
  const hex = createHash('sha256').update(seed.join(':')).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
