import { ConnectorKind } from '../../../../generated/prisma/enums';
import type { ConnectorManifest } from '../../connector.types';
import { SmtpSendEmailDto, SmtpVerifyConnectionDto } from './dto';

export interface SmtpSendEmailOutput {
  /** The Message-ID header we set, angle brackets included: how replies and bounces refer to it. */
  messageId: string;
  /** Recipients (to and cc) the server accepted, and those it refused while taking the rest. */
  accepted: string[];
  rejected: string[];
  /** The server's final reply, usually naming its queue id. */
  response: string;
}

export interface SmtpVerifyConnectionOutput {
  verified: boolean;
  authenticated: boolean;
  host: string;
  port: number;
  secure: boolean;
}

/**
 * Relays differ (a shared host allows a few messages a minute, a transactional service
 * thousands); 30 per minute per organization is a default most accept without flagging abuse.
 */
export const SMTP_DEFAULT_RATE_LIMIT = { requests: 30, perSeconds: 60 };

export const smtpManifest: ConnectorManifest = {
  key: 'smtp',
  displayName: 'Email (SMTP)',
  kind: ConnectorKind.EMAIL,
  authType: 'smtp',
  scopes: [],
  rateLimit: SMTP_DEFAULT_RATE_LIMIT,
  realAvailable: true,
  // SMTP has no idempotency key: a send that may have reached the server is never repeated.
  idempotentWrites: false,
  secretFields: ['password'],
  metadataFields: ['host', 'port', 'secure', 'username', 'fromAddress'],
  actions: [
    {
      name: 'send_email',
      description: "Send one email (text and/or HTML) from the connection's fromAddress through the organization's SMTP server",
      effect: 'write',
      input: SmtpSendEmailDto,
      outputExample: {
        messageId: '<3f2a9c1e7b5d4a60@example.com>',
        accepted: ['jane@example.com'],
        rejected: [],
        response: '250 2.0.0 OK: queued as 3F2A9C1E7B',
      } satisfies SmtpSendEmailOutput,
    },
    {
      name: 'verify_connection',
      description: 'Connect to the SMTP server and log in with the stored credentials (authenticate: false skips the login), without sending anything',
      effect: 'read',
      input: SmtpVerifyConnectionDto,
      outputExample: { verified: true, authenticated: true, host: 'smtp.example.com', port: 587, secure: false } satisfies SmtpVerifyConnectionOutput,
    },
  ],
};
