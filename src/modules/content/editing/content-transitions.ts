import type { ContentStatus } from '../../../generated/prisma/enums';

/**
 * The review workflow: a draft goes to review, review approves it (or sends it back to draft), an
 * approved piece is published; anything not yet archived can be archived, and archived is final.
 * Moving to the status a piece already has is no transition and always allowed (a repeated
 * request changes nothing).
 */
export const CONTENT_TRANSITIONS: Record<ContentStatus, readonly ContentStatus[]> = {
  DRAFT: ['IN_REVIEW', 'ARCHIVED'],
  IN_REVIEW: ['APPROVED', 'DRAFT', 'ARCHIVED'],
  APPROVED: ['PUBLISHED', 'ARCHIVED'],
  PUBLISHED: ['ARCHIVED'],
  ARCHIVED: [],
};

/** Statuses in which a person may still change the text: what was approved is what gets published. */
export const EDITABLE_STATUSES: readonly ContentStatus[] = ['DRAFT', 'IN_REVIEW'];

export function canTransition(from: ContentStatus, to: ContentStatus): boolean {
  return from === to || CONTENT_TRANSITIONS[from].includes(to);
}
