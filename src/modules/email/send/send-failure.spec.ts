import type { NodemailerError } from 'nodemailer';
import { ValidationFailedError } from '../../../common/errors/domain-errors';
import { ToolNotAllowedError } from '../../agents/agent-errors';
import { ConnectorError } from '../../connectors/connector-error';
import { refineGmailError } from '../../connectors/providers/gmail/gmail-errors';
import { refineOutlookError } from '../../connectors/providers/outlook/outlook-errors';
import { toSmtpConnectorError } from '../../connectors/providers/smtp/smtp-errors';
import { SmtpSessionError } from '../../connectors/providers/smtp/smtp-session';
import { sendFailureOf } from './send-failure';

/** The error a send gets from the SMTP provider, built by the provider's own mapping. */
function smtpRefusal(command: string, code: number, response: string): unknown {
  const nodemailerError = Object.assign(new Error('refused'), { code: 'EENVELOPE', command, responseCode: code, response }) as NodemailerError;
  return toSmtpConnectorError(new SmtpSessionError(nodemailerError, 'sending'));
}

/** The error of an HTTP provider's answer, refined by the provider's own mapping. */
function httpRefusal(refine: typeof refineGmailError, status: number, body: unknown): ConnectorError {
  const refined = refine(status, body, new Headers())!;
  return new ConnectorError(refined.category, refined.message, { providerStatus: status, requestSent: true });
}

describe(sendFailureOf.name, () => {
  it.each([
    ['no such mailbox', 550, '550 5.1.1 <jane@example.com>: Recipient address rejected'],
    ['a disabled mailbox', 550, '550 5.2.1 Mailbox disabled'],
    ['a mailbox name not allowed, without an enhanced status', 553, '553 Requested action not taken'],
  ])('should call an SMTP recipient refused for good (%s) a bounce', (_, code, response) => {
    const sut = sendFailureOf(smtpRefusal('RCPT TO', code, response));

    expect(sut).toEqual({ kind: 'bounced', error: expect.stringContaining(`refused RCPT TO with ${code}`) });
  });

  it('should not call a relay refusal (5.7.1, a policy about our server) a bounce', () => {
    expect(sendFailureOf(smtpRefusal('RCPT TO', 550, '550 5.7.1 Relaying denied'))).toEqual({ kind: 'failed', error: expect.any(String) });
  });

  it('should call a refused message (not the recipient) a failure, and a temporary refusal a retry', () => {
    expect(sendFailureOf(smtpRefusal('DATA', 554, '554 5.6.0 Message rejected'))).toEqual({ kind: 'failed', error: expect.stringContaining('DATA') });
    expect(sendFailureOf(smtpRefusal('RCPT TO', 450, '450 4.2.1 Mailbox busy'))).toBeNull();
  });

  it("should call Graph's ErrorInvalidRecipients a bounce, and Gmail's invalid argument a failure", () => {
    expect(sendFailureOf(httpRefusal(refineOutlookError, 400, { error: { code: 'ErrorInvalidRecipients', message: 'x' } }))).toMatchObject({ kind: 'bounced' });
    expect(sendFailureOf(httpRefusal(refineGmailError, 400, { error: { code: 400, errors: [{ reason: 'invalidArgument' }] } }))).toMatchObject({ kind: 'failed' });
  });

  it('should call revoked credentials and bad input failures, and leave retryable and unknown errors to the run', () => {
    expect(sendFailureOf(new ConnectorError('REAUTH_REQUIRED', 'smtp: server rejected the credentials'))).toMatchObject({ kind: 'failed' });
    expect(sendFailureOf(new ValidationFailedError(['input.to'], 'invalid input'))).toMatchObject({ kind: 'failed' });
    expect(sendFailureOf(new ConnectorError('RATE_LIMITED', 'smtp (mock): rate limited'))).toBeNull();
    expect(sendFailureOf(new TypeError('undefined is not a function'))).toBeNull();
    expect(sendFailureOf(new ToolNotAllowedError('email-send', 'slack.send_message'))).toBeNull();
  });
});
