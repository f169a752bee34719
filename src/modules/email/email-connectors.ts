/**
 * The connectors an email can go out through, in the order one is chosen when the organization's
 * configuration names none and several are connected: an SMTP relay first (relays are built for
 * volume: a transactional provider takes thousands a minute), then Gmail (about two sends a
 * second per mailbox), then Outlook (Exchange Online: 30 a minute per mailbox).
 */
export const EMAIL_CONNECTORS = ['smtp', 'gmail', 'outlook'] as const;
export type EmailConnector = (typeof EMAIL_CONNECTORS)[number];

export function isEmailConnector(key: unknown): key is EmailConnector {
  return typeof key === 'string' && (EMAIL_CONNECTORS as readonly string[]).includes(key);
}

/** The id the provider gave the sent message: SMTP's Message-ID header, Gmail's message id, Graph's request id (sendMail returns no message id). */
export function providerMessageIdOf(connector: EmailConnector, output: unknown): string | null {
  const answer = (output ?? {}) as Record<string, unknown>;
  const id = connector === 'smtp' ? answer.messageId : connector === 'gmail' ? answer.id : answer.requestId;
  return typeof id === 'string' ? id : null;
}
