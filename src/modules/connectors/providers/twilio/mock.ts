import { createHash } from 'node:crypto';
import type { MockBehaviour } from '../../connector-definition';
import type { TwilioGetMessageStatusInput, TwilioSendSmsInput } from './dto';
import type { TwilioMessageStatusOutput, TwilioSendSmsOutput } from './manifest';
import { smsSegments } from './segments';

/** Twilio's documented test "From" number, used when the connection names none. */
const DEFAULT_FROM = '+15005550006';

export const twilioMock: MockBehaviour = {
  send_sms: (raw, context): TwilioSendSmsOutput => {
    const input = raw as unknown as TwilioSendSmsInput;
    // Message SIDs are SM/MM and 32 hex digits.
    const hex = createHash('sha256').update(context.deterministicId('SM')).digest('hex').slice(0, 32);
    return {
      sid: `${input.mediaUrl ? 'MM' : 'SM'}${hex}`,
      status: 'queued',
      to: input.to,
      from: context.metadata.fromNumber ?? DEFAULT_FROM,
      numSegments: smsSegments(input.body),
    };
  },

  // A mock carrier delivers everything at once; failures are injected through the mock API instead.
  get_message_status: (raw): TwilioMessageStatusOutput => {
    const input = raw as unknown as TwilioGetMessageStatusInput;
    return { sid: input.sid, status: 'delivered', errorCode: null, errorMessage: null, numSegments: 1 };
  },
};
