import { Inject, Injectable } from '@nestjs/common';
import { ConnectorError } from '../connectors/connector-error';
import { ConnectorRegistry } from '../connectors/connector-registry';
import { ConnectorsService } from '../connectors/connectors.service';
import { CREDENTIALS_PROVIDER, type CredentialsProvider } from '../connectors/vault/credentials-provider';

/** The organization's own email channels, in the order an invitation tries them. */
export const INVITATION_CONNECTORS = ['gmail', 'outlook', 'smtp'] as const;
export type InvitationConnector = (typeof INVITATION_CONNECTORS)[number];

export interface InvitationLetter {
  invitationId: string;
  organizationName: string;
  inviterName: string;
  to: string;
  role: string;
  token: string;
  expiresAt: Date;
}

/**
 * Sends an invitation through the organization's email connector, with the connector's rate
 * limit, breaker and metrics. Deliberately not a recorded run: the message carries a one-time
 * token, and a run's input is readable by everyone holding `runs:read`; the invitation itself is
 * the record (and its audit entry names the connector, never the token).
 */
@Injectable()
export class InvitationMailer {
  constructor(
    private readonly registry: ConnectorRegistry,
    private readonly connectors: ConnectorsService,
    @Inject(CREDENTIALS_PROVIDER) private readonly credentials: CredentialsProvider,
  ) {}

  /** The connector asked for, or the first of the organization's email connectors that is connected; 424 when none is. */
  async chooseConnector(organizationId: string, asked?: InvitationConnector): Promise<InvitationConnector> {
    const candidates = asked ? [asked] : INVITATION_CONNECTORS;
    for (const key of candidates) {
      if (this.registry.mode(key) === 'disabled') continue;
      if (await this.credentials.isConnected(organizationId, key)) return key;
    }
    throw ConnectorError.notConnected(asked ?? INVITATION_CONNECTORS.join(', '));
  }

  async send(organizationId: string, via: InvitationConnector, letter: InvitationLetter): Promise<void> {
    const input = { to: [letter.to], subject: `${letter.inviterName} invited you to ${letter.organizationName} on NeonHub`, text: letterText(letter) };
    await this.connectors.invoke(organizationId, via, 'send_email', input, {
      idempotencyKey: `invitation-${letter.invitationId}`,
      signal: AbortSignal.timeout(30_000),
    });
  }
}

function letterText(letter: InvitationLetter): string {
  return [
    `${letter.inviterName} invited you to join ${letter.organizationName} on NeonHub as ${article(letter.role)} ${letter.role}.`,
    '',
    'To accept, send this invitation code to POST /v1/invitations/accept with your name:',
    '',
    `  ${letter.token}`,
    '',
    `The code works once and expires on ${letter.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC. Your first API key comes back in the answer.`,
    "If you did not expect this, ignore this message: nothing happens until the code is used.",
  ].join('\n');
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}
