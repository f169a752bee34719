import type { RealActions } from '../../connector-definition';
import { composeMessage } from '../email-common/compose-message';
import type { SendEmailDto } from '../email-common/send-email.dto';
import type { SmtpSendEmailOutput, SmtpVerifyConnectionOutput } from './manifest';
import { toSmtpConnectorError } from './smtp-errors';
import { DEFAULT_SMTP_TIMEOUTS, withSmtpSession, type SmtpTimeouts } from './smtp-session';
import { smtpSettings } from './smtp-settings';

/**
 * SMTP through nodemailer, one session per call: the server and credentials belong to the
 * organization (connection metadata and vault), so there is no shared base URL or pool.
 */
export function createSmtpActions(timeouts: SmtpTimeouts = DEFAULT_SMTP_TIMEOUTS): RealActions {
  return {
    send_email: async (input, context): Promise<SmtpSendEmailOutput> => {
      const settings = smtpSettings(context);
      const message = await composeMessage(input as unknown as SendEmailDto, settings.fromAddress);
      try {
        return await withSmtpSession(settings, { timeouts, signal: context.signal }, async (send) => {
          const info = await send(message.envelope, message.raw);
          return { messageId: message.messageId, accepted: info.accepted, rejected: info.rejected, response: info.response };
        });
      } catch (error) {
        throw toSmtpConnectorError(error);
      }
    },
    verify_connection: async (input, context): Promise<SmtpVerifyConnectionOutput> => {
      const settings = smtpSettings(context);
      const authenticate = input.authenticate !== false;
      try {
        await withSmtpSession(settings, { timeouts, signal: context.signal, authenticate }, async () => undefined);
      } catch (error) {
        throw toSmtpConnectorError(error);
      }
      return { verified: true, authenticated: authenticate, host: settings.host, port: settings.port, secure: settings.secure };
    },
  };
}
