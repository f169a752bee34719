import { Injectable } from '@nestjs/common';
import type { ConversationStatus, MessageStatus } from '../../generated/prisma/enums';
import { ConversationsRepository } from './persistence/conversations.repository';
import { ConversationMessagesRepository } from './persistence/messages.repository';
import { MESSAGE_CHANNEL, type InboundMessage } from './support-channels';

/** One question and what became of it, as the support agent's run commits it. */
export interface SupportExchange {
  organizationId: string;
  runId: string;
  conversationId: string;
  inbound: InboundMessage & { messageId: string; text: string };
  reply: {
    messageId: string;
    status: Extract<MessageStatus, 'SENT' | 'ESCALATED'>;
    body: string;
    connectorKey: string;
    to: string;
    subject: string | null;
    providerMessageId: string | null;
    confidence: number;
    /** Why it was not sent (ESCALATED). */
    error: string | null;
  };
}

/**
 * The rows of an exchange, written by the run's commit (one transaction with its COMPLETED):
 * the thread's conversation (created on its first message), the question RECEIVED, the answer
 * SENT or ESCALATED, and the conversation's outcome. Keys derived from the run make a repeated
 * write a no-op.
 */
@Injectable()
export class SupportExchangeWriter {
  constructor(private readonly conversations: ConversationsRepository, private readonly messages: ConversationMessagesRepository) {}

  async write(exchange: SupportExchange, now = new Date()): Promise<void> {
    const { organizationId, runId, inbound, reply } = exchange;
    const channel = MESSAGE_CHANNEL[inbound.channel];
    // A thread that already has a conversation keeps its id; its messages go there.
    const conversation = await this.conversations.upsertThread({
      id: exchange.conversationId,
      organizationId,
      channel,
      externalId: inbound.threadId,
      contact: inbound.from,
      subject: inbound.subject ?? null,
    });
    const common = { organizationId, conversationId: conversation.id, channel, runId };
    await this.messages.record([
      {
        ...common,
        id: inbound.messageId,
        dedupeKey: `${runId}:inbound`,
        direction: 'INBOUND',
        status: 'RECEIVED',
        connectorKey: null,
        fromAddress: inbound.from,
        toAddress: null,
        subject: inbound.subject ?? null,
        body: inbound.text,
        providerMessageId: null,
        confidence: null,
        error: null,
        sentAt: null,
      },
      {
        ...common,
        id: reply.messageId,
        dedupeKey: `${runId}:reply`,
        direction: 'OUTBOUND',
        status: reply.status,
        connectorKey: reply.connectorKey,
        fromAddress: null,
        toAddress: reply.to,
        subject: reply.subject,
        body: reply.body,
        providerMessageId: reply.providerMessageId,
        confidence: reply.confidence,
        error: reply.error,
        sentAt: reply.status === 'SENT' ? now : null,
      },
    ]);
    const outcome: ConversationStatus = reply.status === 'SENT' ? 'ANSWERED' : 'ESCALATED';
    await this.conversations.settle(organizationId, conversation.id, outcome, now);
  }
}
