import type { RealActions, RealProviderFactoryDeps } from '../../connector-definition';
import { ConnectorError, type ConnectorErrorCategory } from '../../connector-error';
import type { ConnectorCallContext } from '../../connector.types';
import type { ErrorRefiner } from '../../http/provider-http-client';
import type { TwilioGetMessageStatusInput, TwilioSendSmsInput } from './dto';
import type { TwilioMessageStatusOutput, TwilioSendSmsOutput } from './manifest';

interface TwilioMessage {
  sid: string;
  status: string;
  to: string;
  from: string;
  num_segments: string;
  error_code: number | null;
  error_message: string | null;
}

/** Twilio's REST error codes (https://www.twilio.com/docs/api/errors). */
const TWILIO_CODES: Record<number, ConnectorErrorCategory> = {
  20003: 'REAUTH_REQUIRED', // Authenticate
  20005: 'PERMISSION_DENIED', // account not active
  20404: 'NOT_FOUND',
  20429: 'RATE_LIMITED', // too many requests
  21211: 'INVALID_INPUT', // invalid To
  21212: 'INVALID_INPUT', // invalid From
  21602: 'INVALID_INPUT', // body required
  21604: 'INVALID_INPUT', // To required
  21606: 'INVALID_INPUT', // From cannot send to this destination
  21614: 'INVALID_INPUT', // To is not a mobile number
  21617: 'INVALID_INPUT', // body too long
  21408: 'PERMISSION_DENIED', // region not enabled
  21608: 'PERMISSION_DENIED', // trial account, unverified recipient
  21610: 'PERMISSION_DENIED', // recipient replied STOP
  21611: 'RATE_LIMITED', // too many messages queued on the From number
};

export const refineTwilioError: ErrorRefiner = (status, body) => {
  if (status < 400) return undefined;
  const code = typeof body === 'object' && body !== null ? (body as { code?: unknown }).code : undefined;
  const category = typeof code === 'number' ? TWILIO_CODES[code] : undefined;
  // An auth token does not expire or refresh: a 401 means it was rotated, and only a new one helps.
  if (status === 401) return { category: 'REAUTH_REQUIRED', message: `Twilio rejected the credentials (401${code ? `, error ${code}` : ''})` };
  // Codes only: Twilio's messages quote phone numbers, which are customers' data.
  return category ? { category, message: `Twilio answered ${status} (error ${code})` } : undefined;
};

function account(context: ConnectorCallContext): { sid: string; headers: Record<string, string> } {
  const sid = context.metadata.accountSid;
  const token = context.secrets.authToken;
  if (!sid || !token) throw new ConnectorError('NOT_CONNECTED', 'connector twilio needs accountSid and authToken for this organization; set them');
  return { sid, headers: { authorization: `Basic ${Buffer.from(`${sid}:${token}`).toString('base64')}` } };
}

/** Twilio Programmable Messaging, REST API 2010-04-01: form-encoded writes, JSON answers, basic auth. */
export function twilioReal({ http }: RealProviderFactoryDeps): RealActions {
  const client = http({ refine: refineTwilioError });

  return {
    send_sms: async (raw, context): Promise<TwilioSendSmsOutput> => {
      const input = raw as unknown as TwilioSendSmsInput;
      const { sid, headers } = account(context);
      const from = context.metadata.fromNumber;
      if (!from) throw new ConnectorError('NOT_CONNECTED', 'connector twilio has no fromNumber for this organization; set it');
      const form: Record<string, string> = { To: input.to, From: from, Body: input.body };
      if (input.mediaUrl) form.MediaUrl = input.mediaUrl;
      const { body } = await client.request<TwilioMessage>({
        method: 'POST',
        path: `2010-04-01/Accounts/${encodeURIComponent(sid)}/Messages.json`,
        headers,
        form,
        // Twilio deduplicates by this token, so a send that failed in transit or with a 5xx is retried safely.
        idempotencyKey: { header: 'I-Twilio-Idempotency-Token', value: context.idempotencyKey },
        signal: context.signal,
      });
      return { sid: body.sid, status: body.status, to: body.to, from: body.from, numSegments: Number(body.num_segments) };
    },

    get_message_status: async (raw, context): Promise<TwilioMessageStatusOutput> => {
      const input = raw as unknown as TwilioGetMessageStatusInput;
      const { sid, headers } = account(context);
      const { body } = await client.request<TwilioMessage>({
        method: 'GET',
        path: `2010-04-01/Accounts/${encodeURIComponent(sid)}/Messages/${input.sid}.json`,
        headers,
        signal: context.signal,
      });
      return { sid: body.sid, status: body.status, errorCode: body.error_code, errorMessage: body.error_message, numSegments: Number(body.num_segments) };
    },
  };
}
