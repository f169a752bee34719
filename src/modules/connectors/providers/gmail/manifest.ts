import { ConnectorKind } from '../../../../generated/prisma/enums';
import type { ConnectorManifest } from '../../connector.types';
import { GmailListRecentMessagesDto, GmailSendEmailDto } from './dto';
import { GOOGLE_OAUTH } from '../google-oauth';

export interface GmailSendEmailOutput {
  id: string;
  threadId: string;
  labelIds: string[];
}

export interface GmailMessageSummary {
  id: string;
  threadId: string;
  from: string;
  subject: string;
  /** ISO 8601, from Gmail's internalDate (when Gmail received it). */
  date: string;
  snippet: string;
  labelIds: string[];
}

export interface GmailListRecentMessagesOutput {
  messages: GmailMessageSummary[];
  resultSizeEstimate: number;
}

export const gmailManifest: ConnectorManifest = {
  key: 'gmail',
  displayName: 'Gmail',
  kind: ConnectorKind.EMAIL,
  authType: 'oauth2',
  scopes: ['https://www.googleapis.com/auth/gmail.send', 'https://www.googleapis.com/auth/gmail.readonly'],
  // 250 quota units per user per second, and messages.send costs 100 of them: about two sends a
  // second at most. 100 calls a minute keeps a burst of sends (and the list's gets) under it.
  rateLimit: { requests: 100, perSeconds: 60 },
  realAvailable: true,
  // The Gmail API has no idempotency key: a send that may have landed is never repeated.
  idempotentWrites: false,
  defaultBaseUrl: 'https://gmail.googleapis.com',
  oauth: GOOGLE_OAUTH,
  // Tokens come from the OAuth flow (accessToken, refreshToken), never typed in.
  secretFields: [],
  metadataFields: [],
  actions: [
    {
      name: 'send_email',
      description: 'Send one email from the authorized Gmail account (users.messages.send)',
      effect: 'write',
      input: GmailSendEmailDto,
      outputExample: { id: '18f3a2b4c5d6e7f8', threadId: '18f3a2b4c5d6e7f8', labelIds: ['SENT'] } satisfies GmailSendEmailOutput,
    },
    {
      name: 'list_recent_messages',
      description: 'List the latest messages of the mailbox, newest first, with sender, subject and snippet (users.messages.list and get)',
      effect: 'read',
      input: GmailListRecentMessagesDto,
      outputExample: {
        messages: [
          {
            id: '18f3a2b4c5d6e7f8',
            threadId: '18f3a2b4c5d6e7f8',
            from: 'Jane Doe <jane@example.com>',
            subject: 'Re: Spring collection',
            date: '2025-03-04T09:15:00.000Z',
            snippet: 'Thanks, the new lookbook looks great',
            labelIds: ['INBOX', 'UNREAD'],
          },
        ],
        resultSizeEstimate: 1,
      } satisfies GmailListRecentMessagesOutput,
    },
  ],
};
