import { createHash } from 'node:crypto';

/**
 * The identity of a document's content: sha256, hex, of its normalised text (UTF-8). Re-ingesting
 * a source whose hash is unchanged is a no-op. It is taken of normalizeDocument's output, not of
 * the fetched bytes, so a page re-served with other markup around the same text, other line
 * endings or another charset still counts as unchanged.
 */
export function contentHash(normalizedText: string): string {
  return createHash('sha256').update(normalizedText, 'utf8').digest('hex');
}
