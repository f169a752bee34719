import type { ApprovalRequest } from '../../agents/run-waits';
import type { ComposedStep } from './email-plan';
import { unsubscribeFooter } from './email-plan';

/** Addresses shown to the reviewer; the count says how many there are in all. */
const REVIEW_SAMPLE = 20;

export interface ReviewMaterial {
  connector: string;
  drafts: ComposedStep[];
  recipients: string[];
  suppressed: string[];
  unsubscribeUrl?: string;
  expiresInMs?: number;
}

/**
 * What the reviewer decides on: the drafts, with the first step's subject and body at the top
 * (the keys the edits use: subject, subjectB, body, steps[i].subject/body), who receives them and
 * who is left out, and the footer every email gets.
 */
export function reviewRequest(review: ReviewMaterial): ApprovalRequest {
  const [first] = review.drafts;
  const count = review.recipients.length;
  return {
    title: `Send "${first.subject}" to ${count} recipient(s)${review.drafts.length > 1 ? ` (${review.drafts.length} emails)` : ''}`,
    summary: `${count} recipient(s) through ${review.connector}${review.suppressed.length ? `; ${review.suppressed.length} suppressed address(es) left out` : ''}. Edit subject, body, subjectB or steps[i].subject/body before approving.`,
    payload: {
      connector: review.connector,
      recipientCount: count,
      recipients: review.recipients.slice(0, REVIEW_SAMPLE),
      suppressedCount: review.suppressed.length,
      subject: first.subject,
      ...(first.subjectB !== undefined ? { subjectB: first.subjectB } : {}),
      body: first.body,
      footer: unsubscribeFooter('<recipient>', review.unsubscribeUrl),
      steps: review.drafts,
    },
    expiresInMs: review.expiresInMs,
  };
}
