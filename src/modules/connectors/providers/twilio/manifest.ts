import { ConnectorKind } from '../../../../generated/prisma/enums';
import type { ConnectorManifest } from '../../connector.types';
import { TwilioGetMessageStatusInput, TwilioSendSmsInput } from './dto';

export interface TwilioSendSmsOutput {
  sid: string;
  /** Twilio's message status at creation: usually queued (accepted when sent through a messaging service). */
  status: string;
  to: string;
  from: string;
  numSegments: number;
}

export interface TwilioMessageStatusOutput {
  sid: string;
  /** queued, sending, sent, delivered, undelivered, failed, ... */
  status: string;
  /** Twilio's error code when the message failed or was undelivered (e.g. 30003), else null. */
  errorCode: number | null;
  errorMessage: string | null;
  numSegments: number;
}

export const twilioManifest: ConnectorManifest = {
  key: 'twilio',
  displayName: 'Twilio SMS',
  kind: ConnectorKind.SMS,
  authType: 'basic',
  scopes: [],
  // Twilio queues up to 100 API requests per second per account before answering 429 (error 20429).
  rateLimit: { requests: 100, perSeconds: 1 },
  realAvailable: true,
  // Message creation honours the I-Twilio-Idempotency-Token header: a failed send may be retried.
  idempotentWrites: true,
  defaultBaseUrl: 'https://api.twilio.com',
  secretFields: ['authToken'],
  metadataFields: ['accountSid', 'fromNumber'],
  actions: [
    {
      name: 'send_sms',
      description: 'Send an SMS (or MMS with mediaUrl) from the connected number',
      effect: 'write',
      input: TwilioSendSmsInput,
      outputExample: { sid: 'SM1f0e8ae6ade43cb3c0ce4525424e404f', status: 'queued', to: '+14155550123', from: '+15005550006', numSegments: 1 } satisfies TwilioSendSmsOutput,
    },
    {
      name: 'get_message_status',
      description: 'Read the delivery status of a sent message',
      effect: 'read',
      input: TwilioGetMessageStatusInput,
      outputExample: { sid: 'SM1f0e8ae6ade43cb3c0ce4525424e404f', status: 'delivered', errorCode: null, errorMessage: null, numSegments: 1 } satisfies TwilioMessageStatusOutput,
    },
  ],
};
