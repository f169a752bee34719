import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import type { MessageChannel, MessageDirection, MessageStatus } from '../../../generated/prisma/enums';
import { PrismaService } from '../../../infra/prisma/prisma.service';

export interface ConversationMessage {
  id: string;
  /** One row per intended message: a write repeated with the same key writes nothing more. */
  dedupeKey: string;
  organizationId: string;
  conversationId: string;
  channel: MessageChannel;
  direction: MessageDirection;
  status: MessageStatus;
  runId: string | null;
  connectorKey: string | null;
  fromAddress: string | null;
  toAddress: string | null;
  subject: string | null;
  body: string;
  providerMessageId: string | null;
  confidence: number | null;
  error: string | null;
  sentAt: Date | null;
}

export type MessageRecord = Omit<ConversationMessage, 'dedupeKey'> & { createdAt: Date };

const FIELDS = {
  id: true,
  organizationId: true,
  conversationId: true,
  channel: true,
  direction: true,
  status: true,
  runId: true,
  connectorKey: true,
  fromAddress: true,
  toAddress: true,
  subject: true,
  body: true,
  providerMessageId: true,
  confidence: true,
  error: true,
  sentAt: true,
  createdAt: true,
} as const;

/** The messages of conversations (support exchanges); other agents' sends are theirs to write. */
@Injectable()
export class ConversationMessagesRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterPrisma<PrismaService>>) {}

  private get tx() {
    return this.txHost.tx;
  }

  async record(messages: ConversationMessage[]): Promise<void> {
    await this.tx.message.createMany({ data: messages, skipDuplicates: true });
  }

  /**
   * The latest `limit` messages, oldest first: a conversation reads top to bottom. A question and
   * its answer are written in one transaction (one now()), so within a time the question
   * (INBOUND, the enum's first value) comes first.
   */
  async latestOf(organizationId: string, conversationId: string, limit: number): Promise<MessageRecord[]> {
    const rows = await this.tx.message.findMany({ where: { organizationId, conversationId }, select: FIELDS, orderBy: [{ createdAt: 'desc' }, { direction: 'desc' }, { id: 'desc' }], take: limit });
    return rows.reverse().map((row) => ({ ...row, conversationId: row.conversationId ?? conversationId }));
  }
}
