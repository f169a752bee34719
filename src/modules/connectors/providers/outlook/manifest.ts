import { ConnectorKind } from '../../../../generated/prisma/enums';
import type { ConnectorManifest } from '../../connector.types';
import { OutlookListRecentMessagesDto, OutlookSendEmailDto } from './dto';

export interface OutlookSendEmailOutput {
  /** sendMail answers 202 with no body: Graph accepted the message for delivery. */
  accepted: boolean;
  /** Graph's request-id, what Microsoft support asks for when a message goes missing. */
  requestId: string;
}

export interface OutlookMessageSummary {
  id: string;
  conversationId: string;
  from: string;
  subject: string;
  receivedAt: string;
  preview: string;
  isRead: boolean;
}

export interface OutlookListRecentMessagesOutput {
  messages: OutlookMessageSummary[];
}

export const outlookManifest: ConnectorManifest = {
  key: 'outlook',
  displayName: 'Outlook (Microsoft 365)',
  kind: ConnectorKind.EMAIL,
  authType: 'oauth2',
  scopes: ['offline_access', 'https://graph.microsoft.com/Mail.Send', 'https://graph.microsoft.com/Mail.Read'],
  // Exchange Online lets a mailbox send 30 messages a minute; Graph's own mail limit (10,000
  // requests per 10 minutes per mailbox) is far above that.
  rateLimit: { requests: 30, perSeconds: 60 },
  realAvailable: true,
  // sendMail has no idempotency key: a send that may have landed is never repeated.
  idempotentWrites: false,
  defaultBaseUrl: 'https://graph.microsoft.com/v1.0',
  oauth: {
    authorizeUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
    tokenUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
  },
  // Tokens come from the OAuth flow (accessToken, refreshToken), never typed in.
  secretFields: [],
  metadataFields: [],
  actions: [
    {
      name: 'send_email',
      description: "Send one email from the authorized mailbox, saved to its Sent Items (Microsoft Graph sendMail)",
      effect: 'write',
      input: OutlookSendEmailDto,
      outputExample: { accepted: true, requestId: '5c3f2a9e-1b7d-4e60-9a3c-2f1e0d9c8b7a' } satisfies OutlookSendEmailOutput,
    },
    {
      name: 'list_recent_messages',
      description: 'List the latest messages of the mailbox, newest first, with sender, subject and preview (Microsoft Graph GET /me/messages)',
      effect: 'read',
      input: OutlookListRecentMessagesDto,
      outputExample: {
        messages: [
          {
            id: 'AAMkAGI2TG93AAA=',
            conversationId: 'AAQkAGI2TG93CCC=',
            from: 'Jane Doe <jane@example.com>',
            subject: 'Re: Spring collection',
            receivedAt: '2025-03-04T09:15:00Z',
            preview: 'Thanks, the new lookbook looks great',
            isRead: false,
          },
        ],
      } satisfies OutlookListRecentMessagesOutput,
    },
  ],
};
