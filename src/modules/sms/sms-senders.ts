import type { TwilioSendSmsOutput } from '../connectors/providers/twilio/manifest';
import type { WhatsAppSendOutput } from '../connectors/providers/whatsapp/manifest';
import type { SmsChannel } from './sms-channel';
import { UnsupportedSmsConnectorError } from './sms-errors';

export interface ProviderReceipt {
  providerMessageId: string;
  /** The sending number, when the provider says it. */
  from: string | null;
}

/** How one connector sends a text: its action, its input shape, and what its answer says. */
export interface SmsSender {
  connector: string;
  action: string;
  input(to: string, body: string): Record<string, unknown>;
  receipt(output: unknown): ProviderReceipt;
}

const SENDERS: Record<SmsChannel, SmsSender[]> = {
  sms: [
    {
      connector: 'twilio',
      action: 'send_sms',
      input: (to, body) => ({ to, body }),
      receipt: (output) => ({ providerMessageId: (output as TwilioSendSmsOutput).sid, from: (output as TwilioSendSmsOutput).from ?? null }),
    },
  ],
  whatsapp: [
    {
      connector: 'whatsapp',
      action: 'send_message',
      input: (to, body) => ({ to, text: body }),
      receipt: (output) => ({ providerMessageId: (output as WhatsAppSendOutput).messageId, from: null }),
    },
  ],
};

/** The sender of the connector the organization chose for the channel. */
export function senderFor(channel: SmsChannel, connector: string): SmsSender {
  const sender = SENDERS[channel].find((s) => s.connector === connector);
  if (!sender) throw new UnsupportedSmsConnectorError(channel, connector, SENDERS[channel].map((s) => s.connector));
  return sender;
}

/** Every `<connector>.<action>` the send stage may call: its declared tools. */
export const SENDER_TOOLS: string[] = Object.values(SENDERS).flatMap((senders) => senders.map((s) => `${s.connector}.${s.action}`));
