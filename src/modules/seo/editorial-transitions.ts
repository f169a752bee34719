import type { EditorialStatus } from '../../generated/prisma/enums';

export const EDITORIAL_STATUSES = ['PROPOSED', 'PLANNED', 'IN_PROGRESS', 'DONE', 'DROPPED'] as const satisfies readonly EditorialStatus[];

const NEXT: Partial<Record<EditorialStatus, EditorialStatus>> = { PROPOSED: 'PLANNED', PLANNED: 'IN_PROGRESS', IN_PROGRESS: 'DONE' };

/**
 * An entry moves forward one step (PROPOSED -> PLANNED -> IN_PROGRESS -> DONE), or is dropped from
 * any status but DROPPED. Staying where it is counts as no move, so a repeated PATCH succeeds.
 */
export function canMove(from: EditorialStatus, to: EditorialStatus): boolean {
  if (from === to) return true;
  if (to === 'DROPPED') return true;
  return NEXT[from] === to;
}
