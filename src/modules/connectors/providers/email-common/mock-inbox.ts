import { createHash } from 'node:crypto';

export interface MockInboxMessage {
  fromName: string;
  fromAddress: string;
  subject: string;
  snippet: string;
  /** Fixed instants, newest first: mocks never read the clock. */
  receivedAt: string;
  unread: boolean;
}

/** The mailbox every email mock lists: realistic replies a marketing agent would triage. */
export const MOCK_INBOX: readonly MockInboxMessage[] = [
  { fromName: 'Jane Doe', fromAddress: 'jane@example.com', subject: 'Re: Spring collection', snippet: 'Thanks, the new lookbook looks great. Can we get 40 units?', receivedAt: '2025-03-04T09:15:00.000Z', unread: true },
  { fromName: 'Shop Notifications', fromAddress: 'orders@shop.example', subject: 'Order #1042 confirmed', snippet: 'Your order of 3 items has been confirmed and will ship soon.', receivedAt: '2025-03-03T17:42:00.000Z', unread: false },
  { fromName: 'Alex Kim', fromAddress: 'alex@agency.example', subject: 'Newsletter draft for review', snippet: 'Attached is the March newsletter draft with the new hero image.', receivedAt: '2025-03-02T11:05:00.000Z', unread: false },
];

/** A loose stand-in for provider search: every word (operators like `from:` dropped) must appear. */
export function matchesQuery(message: MockInboxMessage, query: string | undefined): boolean {
  if (!query) return true;
  const haystack = `${message.fromName} ${message.fromAddress} ${message.subject} ${message.snippet}`.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .map((term) => term.replace(/^[a-z_]+:/, '').replace(/^"|"$/g, ''))
    .filter(Boolean)
    .every((term) => haystack.includes(term));
}

/** Distinct stable ids for several items of one answer (deterministicId gives one per call). */
export function derivedId(seed: string, index: number, length = 16): string {
  return createHash('sha256').update(`${seed}:${index}`).digest('hex').slice(0, length);
}
