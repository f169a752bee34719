import type { MessageChannel } from '../../generated/prisma/enums';
import { MAX_BODY_LENGTH } from '../connectors/providers/email-common/send-email.dto';

/**
 * How the support agent replies on each channel: which connector action, with which input, how
 * long a reply may be, and where the provider's message id is in its answer. What a thread id is
 * differs per channel (SupportInput says it): a Slack thread is a channel and the thread's first
 * message ts, a Discord thread is a channel of its own, a WhatsApp conversation is the customer's
 * number, an email thread is the provider's thread id (the reply goes to the sender).
 */
export const SUPPORT_CHANNELS = ['slack', 'discord', 'whatsapp', 'email'] as const;
export type SupportChannel = (typeof SUPPORT_CHANNELS)[number];

export const EMAIL_CONNECTORS = ['gmail', 'outlook', 'smtp'] as const;
export type EmailConnector = (typeof EMAIL_CONNECTORS)[number];
/** When the organization names no email connection (config.connections.email). */
export const DEFAULT_EMAIL_CONNECTOR: EmailConnector = 'smtp';

/** `C024BE91L:1712345678.000100`: the channel id and the ts of the thread's first message. */
export const SLACK_THREAD = /^([CGD][A-Z0-9]{6,}):(\d{1,12}\.\d{1,8})$/;
export const DISCORD_THREAD = /^\d{17,20}$/;
export const WHATSAPP_THREAD = /^\+[1-9]\d{6,14}$/;

/** The providers' own limits on a message's text (see each connector's dto.ts). */
const MAX_REPLY_LENGTH: Record<SupportChannel, number> = { slack: 40_000, discord: 2_000, whatsapp: 4_096, email: MAX_BODY_LENGTH };

export const MESSAGE_CHANNEL: Record<SupportChannel, MessageChannel> = { slack: 'SLACK', discord: 'DISCORD', whatsapp: 'WHATSAPP', email: 'EMAIL' };

export interface InboundMessage {
  channel: SupportChannel;
  threadId: string;
  from: string;
  subject?: string;
}

export interface ReplyCall {
  connector: string;
  action: string;
  input: Record<string, unknown>;
  /** The text sent: the answer fitted to the channel. */
  body: string;
  /** Who the reply goes to, as the Message row records it. */
  to: string;
  subject: string | null;
}

/** The connector call that sends `text` as the reply to `inbound`; the text is fitted to the channel's limit. */
export function replyCall(inbound: InboundMessage, text: string, emailConnector: EmailConnector): ReplyCall {
  const body = fitText(text, MAX_REPLY_LENGTH[inbound.channel]);
  switch (inbound.channel) {
    case 'slack': {
      const [, channel, threadTs] = SLACK_THREAD.exec(inbound.threadId) ?? [];
      return { connector: 'slack', action: 'send_message', input: { channel, text: body, threadTs }, body, to: inbound.threadId, subject: null };
    }
    case 'discord':
      // A Discord thread is a channel: posting in it answers in the thread.
      return { connector: 'discord', action: 'send_message', input: { channelId: inbound.threadId, content: body }, body, to: inbound.threadId, subject: null };
    case 'whatsapp':
      return { connector: 'whatsapp', action: 'send_message', input: { to: inbound.threadId, text: body }, body, to: inbound.threadId, subject: null };
    case 'email': {
      const subject = replySubject(inbound.subject);
      return { connector: emailConnector, action: 'send_email', input: { to: [inbound.from], subject, text: body }, body, to: inbound.from, subject };
    }
  }
}

/** The id the provider gave the reply, from its connector's answer. */
export function providerMessageId(connector: string, output: unknown): string | null {
  const answer = (output ?? {}) as Record<string, unknown>;
  const field = { slack: 'ts', discord: 'id', whatsapp: 'messageId', gmail: 'id', outlook: 'requestId', smtp: 'messageId' }[connector];
  const value = field === undefined ? undefined : answer[field];
  return typeof value === 'string' ? value : null;
}

/** "Re: <subject>" once, on one line; a subjectless email is answered as "Re: your message". */
export function replySubject(subject: string | undefined): string {
  const line = (subject ?? '').replace(/[\r\n]+/g, ' ').trim();
  if (!line) return 'Re: your message';
  return /^re:/i.test(line) ? line : `Re: ${line}`;
}

/** Cuts at the last space that leaves room for an ellipsis: a long draft still fits the channel. */
export function fitText(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, max - 1);
  const space = room.lastIndexOf(' ');
  return `${(space > max / 2 ? room.slice(0, space) : room).trimEnd()}…`;
}
