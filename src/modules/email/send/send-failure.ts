import { DomainError } from '../../../common/errors/domain-errors';
import { ClassifiedError } from '../../../infra/resilience/classified-error';
import { ConnectorError } from '../../connectors/connector-error';

export type SendFailure =
  /** The provider refused the recipient for good: the address is suppressed (BOUNCED). */
  | { kind: 'bounced'; error: string }
  /** Refused for another reason another attempt cannot fix (bad credentials, the message itself). */
  | { kind: 'failed'; error: string };

/**
 * What a failed send means for the recipient, or null when the run should retry (a passing
 * failure) or fail (an error no provider mapped, or our own 5xx: a bug, not the recipient's doing).
 *
 * A recipient refused for good is known synchronously in two cases. SMTP: a 5yz reply to RCPT TO
 * (RFC 5321 §4.2.2; smtp-errors.ts maps it to INVALID_INPUT "refused RCPT TO with 550 5.1.1"),
 * except enhanced status 5.7.x (RFC 3463: security or policy, such as relaying denied, which is
 * about our server, not the address). Microsoft Graph: ErrorInvalidRecipients (outlook-errors.ts).
 * Gmail accepts any well-formed address and bounces later, by mail, so it has no such case.
 */
export function sendFailureOf(error: unknown): SendFailure | null {
  if (error instanceof ClassifiedError && error.retryable) return null;
  if (error instanceof ConnectorError && isRecipientRefused(error)) return { kind: 'bounced', error: error.message };
  if (error instanceof ClassifiedError || (error instanceof DomainError && error.statusCode < 500)) return { kind: 'failed', error: error.message };
  return null;
}

const SMTP_RECIPIENT_REFUSED = /^smtp: server refused RCPT TO with (5\d\d)(?: (\d\.\d{1,3}\.\d{1,3}))?/;

function isRecipientRefused(error: ConnectorError): boolean {
  if (error.category !== 'INVALID_INPUT') return false;
  const smtp = SMTP_RECIPIENT_REFUSED.exec(error.message);
  if (smtp) return !smtp[2]?.startsWith('5.7.');
  return /^Microsoft Graph answered 400 ErrorInvalidRecipients\b/.test(error.message);
}
