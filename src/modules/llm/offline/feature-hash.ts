/**
 * FNV-1a, 32 bits, over the UTF-8 bytes of `text` (offset basis 2166136261, prime 16777619):
 * a published, stable hash, so an offline vector stored by one process matches another's.
 */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Lower-cased words (letters and digits of any script). */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/**
 * Signed feature hashing of word unigrams and bigrams: each feature adds ±1 at (hash mod
 * dimensions), the sign taken from the hash's top bit so collisions cancel rather than pile up.
 * L2-normalised, so a dot product is the cosine similarity. A text without words is the zero vector.
 */
export function featureHashEmbedding(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  const words = wordsOf(text);
  const features = [...words, ...words.slice(1).map((word, i) => `${words[i]} ${word}`)];
  for (const feature of features) {
    const hash = fnv1a32(feature);
    vector[hash % dimensions] += hash & 0x80000000 ? -1 : 1;
  }
  const norm = Math.sqrt(vector.reduce((sum, v) => sum + v * v, 0));
  return norm === 0 ? vector : vector.map((v) => v / norm);
}
