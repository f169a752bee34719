/**
 * Every vector column is vector(1536) (HNSW indexes need one fixed dimension per column). A model
 * with fewer dimensions is stored zero-padded: padding changes neither dot products nor norms, so
 * cosine distances between padded vectors equal those between the originals.
 */
export const STORED_VECTOR_DIMENSIONS = 1536;

/** pgvector's text form of `values`, zero-padded to the column's dimension; pass it as `$n::vector`. */
export function toVectorLiteral(values: readonly number[]): string {
  if (values.length > STORED_VECTOR_DIMENSIONS) {
    throw new RangeError(`a ${values.length}-dimension vector does not fit the ${STORED_VECTOR_DIMENSIONS}-dimension columns`);
  }
  const parts = new Array<string>(STORED_VECTOR_DIMENSIONS);
  for (let i = 0; i < STORED_VECTOR_DIMENSIONS; i++) {
    const v = i < values.length ? values[i] : 0;
    if (!Number.isFinite(v)) throw new RangeError(`vector component ${i} is not a finite number`);
    parts[i] = i < values.length ? String(v) : '0';
  }
  return `[${parts.join(',')}]`;
}

/** The first `dimensions` components of a pgvector text value (`[0.1,0.2,...]`). */
export function fromVectorLiteral(text: string, dimensions = STORED_VECTOR_DIMENSIONS): number[] {
  return text.slice(1, -1).split(',', dimensions).map(Number);
}
