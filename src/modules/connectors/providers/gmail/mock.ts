import type { MockBehaviour } from '../../connector-definition';
import { derivedId, matchesQuery, MOCK_INBOX, receivedAt } from '../email-common/mock-inbox';
import type { GmailListRecentMessagesOutput, GmailSendEmailOutput } from './manifest';

/** Answers shaped like Gmail's: 16-hex-digit ids, a new thread per sent message, label ids. */
export const gmailMock: MockBehaviour = {
  send_email: (_input, context): GmailSendEmailOutput => {
    const id = context.deterministicId('');
    return { id, threadId: id, labelIds: ['SENT'] };
  },
  list_recent_messages: (input, context): GmailListRecentMessagesOutput => {
    const seed = context.deterministicId('');
    const found = MOCK_INBOX.filter((m) => matchesQuery(m, input.query as string | undefined));
    const messages = found.slice(0, (input.maxResults as number | undefined) ?? 10).map((m, i) => {
      const id = derivedId(seed, i);
      return {
        id,
        threadId: id,
        from: `${m.fromName} <${m.fromAddress}>`,
        subject: m.subject,
        date: receivedAt(m, context.now),
        snippet: m.snippet,
        labelIds: m.unread ? ['INBOX', 'UNREAD'] : ['INBOX'],
      };
    });
    return { messages, resultSizeEstimate: found.length };
  },
};
