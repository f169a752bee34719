/** Small vector helpers for embeddings held in memory (a voice's examples, a text to score). */

export function l2Normalize(vector: readonly number[]): number[] {
  const norm = Math.hypot(...vector);
  return norm === 0 ? [...vector] : vector.map((v) => v / norm);
}

/**
 * The L2-normalised mean of unit vectors: the direction the examples share, so one stored vector
 * stands for the voice. (Normalising each first lets no example weigh more for being long.)
 */
export function centroidOf(vectors: readonly number[][]): number[] {
  if (vectors.length === 0) throw new RangeError('the centroid of no vectors is undefined');
  const dimensions = vectors[0].length;
  const sum = new Array<number>(dimensions).fill(0);
  for (const vector of vectors.map(l2Normalize)) {
    if (vector.length !== dimensions) throw new RangeError(`vectors of ${dimensions} and ${vector.length} dimensions cannot be averaged`);
    for (let i = 0; i < dimensions; i++) sum[i] += vector[i];
  }
  return l2Normalize(sum.map((v) => v / vectors.length));
}

/**
 * Cosine similarity in [-1, 1]; 0 when either vector is zero (a text without words has no
 * direction). Vectors of different lengths are compared as if the shorter were zero-padded, which
 * is how stored vectors are kept (see stored-vector.ts).
 */
export function cosineSimilarity(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) dot += a[i] * b[i];
  const norms = Math.hypot(...a) * Math.hypot(...b);
  return norms === 0 ? 0 : Math.max(-1, Math.min(1, dot / norms));
}
