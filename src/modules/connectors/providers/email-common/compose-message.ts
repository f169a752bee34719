import MailComposer from 'nodemailer/lib/mail-composer';
import type { SendEmailDto } from './send-email.dto';

export interface ComposedMessage {
  /** The RFC 822 message, headers and MIME body, as it goes over the wire. */
  raw: Buffer;
  /** The Message-ID header, angle brackets included. */
  messageId: string;
  /** SMTP envelope: MAIL FROM and every RCPT TO (to and cc). */
  envelope: { from: string; to: string[] };
}

/**
 * Builds the RFC 822 message with nodemailer's composer (MIME structure, header encoding,
 * multipart/alternative when both bodies are given), so SMTP and Gmail send the same bytes.
 * `from` may be omitted for Gmail, which fills it with the authorized account.
 */
export async function composeMessage(input: SendEmailDto, from?: string): Promise<ComposedMessage> {
  const node = new MailComposer({
    from,
    to: input.to,
    cc: input.cc,
    replyTo: input.replyTo,
    subject: input.subject,
    text: input.text,
    html: input.html,
  }).compile();
  const envelope = node.getEnvelope();
  const raw = await node.build();
  return { raw, messageId: node.messageId(), envelope: { from: envelope.from || '', to: envelope.to } };
}
