/** Prisma's known request errors this module turns into domain errors (by code: the class differs per engine). */
function codeOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
}

/** A unique constraint refused the write (here: a name already taken by its owner). */
export function isUniqueViolation(error: unknown): boolean {
  return codeOf(error) === 'P2002';
}

/** An update or delete by id matched no row (another organization's, or gone). */
export function isRecordNotFound(error: unknown): boolean {
  return codeOf(error) === 'P2025';
}
