import type { MessageChannel } from '../../generated/prisma/enums';

/** The phone channels the SMS agents send on, as agent input and settings name them. */
export const SMS_CHANNELS = ['sms', 'whatsapp'] as const;
export type SmsChannel = (typeof SMS_CHANNELS)[number];

/** What each channel's send is called in approval policies (AgentDefinition.writes). */
export const SEND_ACTION: Record<SmsChannel, string> = { sms: 'sms.send', whatsapp: 'whatsapp.send' };

/** The connector each channel goes through unless the organization's configuration names another. */
export const DEFAULT_CONNECTOR: Record<SmsChannel, string> = { sms: 'twilio', whatsapp: 'whatsapp' };

/** The Message rows, suppressions and consent records of each channel. */
export const MESSAGE_CHANNEL: Record<SmsChannel, Extract<MessageChannel, 'SMS' | 'WHATSAPP'>> = { sms: 'SMS', whatsapp: 'WHATSAPP' };

/** The configuration the organization gives the SMS agent; its send stage reads the same one. */
export const SMS_AGENT = 'sms';
export const SMS_SEND_AGENT = 'sms-send';
