import { createHash } from 'node:crypto';

export interface MockInboxMessage {
  fromName: string;
  fromAddress: string;
  subject: string;
  snippet: string;
  /** How long before the call it arrived; newest first. */
  minutesAgo: number;
  unread: boolean;
}

/** The mailbox every email mock lists: realistic replies a marketing agent would triage. */
export const MOCK_INBOX: readonly MockInboxMessage[] = [
  { fromName: 'Jane Doe', fromAddress: 'jane@example.com', subject: 'Re: Spring collection', snippet: 'Thanks, the new lookbook looks great. Can we get 40 units?', minutesAgo: 45, unread: true },
  { fromName: 'Shop Notifications', fromAddress: 'orders@shop.example', subject: 'Order #1042 confirmed', snippet: 'Your order of 3 items has been confirmed and will ship soon.', minutesAgo: 16 * 60 + 18, unread: false },
  { fromName: 'Alex Kim', fromAddress: 'alex@agency.example', subject: 'Newsletter draft for review', snippet: 'Attached is the March newsletter draft with the new hero image.', minutesAgo: 46 * 60 + 55, unread: false },
];

/** When a mock inbox message arrived, by the call's clock. */
export function receivedAt(message: MockInboxMessage, now: number): string {
  return new Date(now - message.minutesAgo * 60_000).toISOString();
}

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
