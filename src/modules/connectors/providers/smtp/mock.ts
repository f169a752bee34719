import type { MockBehaviour } from '../../connector-definition';
import type { SmtpSendEmailOutput, SmtpVerifyConnectionOutput } from './manifest';

/**
 * Answers like a relay that accepts everything: a Message-ID on the sender's domain, every
 * recipient accepted, a queue id in the 250 reply; all derived from the input and sequence.
 */
export const smtpMock: MockBehaviour = {
  send_email: (input, context): SmtpSendEmailOutput => {
    const id = context.deterministicId('');
    const domain = context.metadata.fromAddress?.split('@')[1] ?? 'example.com';
    const recipients = [...(input.to as string[]), ...((input.cc as string[] | undefined) ?? [])];
    return {
      messageId: `<${id}@${domain}>`,
      accepted: recipients,
      rejected: [],
      response: `250 2.0.0 OK: queued as ${id.slice(0, 10).toUpperCase()}`,
    };
  },
  verify_connection: (input, context): SmtpVerifyConnectionOutput => {
    const secure = context.metadata.secure === 'true';
    return {
      verified: true,
      authenticated: input.authenticate !== false,
      host: context.metadata.host ?? 'smtp.example.com',
      port: context.metadata.port ? Number(context.metadata.port) : secure ? 465 : 587,
      secure,
    };
  },
};
