import type { MockBehaviour } from '../../connector-definition';
import { derivedId, matchesQuery, MOCK_INBOX, receivedAt } from '../email-common/mock-inbox';
import { uuidFromHex } from './graph-ids';
import type { OutlookListRecentMessagesOutput, OutlookSendEmailOutput } from './manifest';

/** Graph's item ids are long base64 strings starting with the mailbox's AAMk prefix. */
const itemId = (prefix: string, hex: string) => `${prefix}${Buffer.from(hex, 'hex').toString('base64')}`;

/** Answers shaped like Graph's: a request id for sendMail, AAMk item ids and conversations for the list. */
export const outlookMock: MockBehaviour = {
  send_email: (_input, context): OutlookSendEmailOutput => ({ accepted: true, requestId: uuidFromHex(derivedId(context.deterministicId(''), 0, 32)) }),
  list_recent_messages: (input, context): OutlookListRecentMessagesOutput => {
    const seed = context.deterministicId('');
    const found = MOCK_INBOX.filter((m) => matchesQuery(m, input.query as string | undefined));
    return {
      messages: found.slice(0, (input.maxResults as number | undefined) ?? 10).map((m, i) => ({
        id: itemId('AAMkAGI2', derivedId(seed, i, 32)),
        conversationId: itemId('AAQkAGI2', derivedId(`${seed}:conversation`, i, 32)),
        from: `${m.fromName} <${m.fromAddress}>`,
        subject: m.subject,
        receivedAt: receivedAt(m, context.now).replace(/\.\d{3}Z$/, 'Z'),
        preview: m.snippet,
        isRead: !m.unread,
      })),
    };
  },
};
