import { ConnectorError, type ConnectorErrorCategory } from '../../connector-error';
import { SmtpSessionError } from './smtp-session';

/**
 * One category per SMTP failure (RFC 5321 §4.2: 4yz transient, 5yz permanent).
 *
 * A rejected login is REAUTH_REQUIRED, not AUTH_EXPIRED: an SMTP password does not expire into
 * something a token refresh could renew, so retrying cannot help; the operator must enter new
 * credentials. A temporary auth failure (454) is PROVIDER_UNAVAILABLE like any other 4yz.
 *
 * requestSent (may the message have been delivered?) is false unless the session was sending
 * and got no reply: any 4yz/5yz reply is the server refusing the transaction, so nothing was
 * delivered and a retry cannot duplicate the email. Messages carry the reply code and enhanced
 * status, never the server's text, which often quotes recipients' addresses.
 */
export function toSmtpConnectorError(error: unknown): unknown {
  if (!(error instanceof SmtpSessionError)) return error;
  const { smtpError, phase } = error;
  const code = smtpError.responseCode;
  const requestSent = phase === 'sending' && code === undefined;
  const enhanced = /^\d{3}[ -](\d\.\d{1,3}\.\d{1,3})/.exec(smtpError.response ?? '')?.[1];
  const reply = code === undefined ? '' : ` ${code}${enhanced ? ` ${enhanced}` : ''}`;
  const step = smtpError.command && smtpError.command !== 'CONN' && smtpError.command !== 'API' ? smtpError.command : phase;
  const details = { requestSent, ...(code === undefined ? {} : { providerStatus: code }) };
  const fail = (category: ConnectorErrorCategory, what: string) => new ConnectorError(category, `smtp: ${what}`, details);

  if (smtpError.code === 'ETIMEDOUT') return fail('TIMEOUT', `no answer in time while ${phase}`);
  if (code !== undefined && code >= 400 && code < 500) return fail('PROVIDER_UNAVAILABLE', `server temporarily refused ${step} with${reply}`);
  if (smtpError.code === 'EAUTH' || code === 530 || code === 534 || code === 535) return fail('REAUTH_REQUIRED', `server rejected the credentials${reply}; update the password or username of the connection`);
  if (code !== undefined && code >= 500) {
    if (code === 552) return fail('INVALID_INPUT', `server refused the message as too large${reply}`);
    if (smtpError.command === 'MAIL FROM') return fail('PERMISSION_DENIED', `server refused the sender address${reply}`);
    return fail('INVALID_INPUT', `server refused ${step} with${reply}`);
  }
  return fail('PROVIDER_UNAVAILABLE', `cannot reach the server while ${phase} (${smtpError.originalCode ?? smtpError.code ?? 'connection failed'})`);
}
