import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import type { ConversationStatus, MessageChannel } from '../../../generated/prisma/enums';
import { PrismaService } from '../../../infra/prisma/prisma.service';

export interface ConversationRecord {
  id: string;
  organizationId: string;
  channel: MessageChannel;
  externalId: string;
  contact: string;
  subject: string | null;
  status: ConversationStatus;
  lastMessageAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

export interface ConversationFilter {
  status?: ConversationStatus;
  channel?: MessageChannel;
}

export interface ConversationPageRequest {
  limit: number;
  /** The last row of the previous page: (lastMessageAt, id). */
  after?: { at: Date; id: string };
}

export interface InboundThread {
  /** Used only when the thread is new: an existing thread keeps its id. */
  id: string;
  organizationId: string;
  channel: MessageChannel;
  externalId: string;
  contact: string;
  subject: string | null;
}

const FIELDS = { id: true, organizationId: true, channel: true, externalId: true, contact: true, subject: true, status: true, lastMessageAt: true, createdAt: true, updatedAt: true } as const;

/** Conversations by organization: another organization's conversation is not found. */
@Injectable()
export class ConversationsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterPrisma<PrismaService>>) {}

  private get tx() {
    return this.txHost.tx;
  }

  /** The thread's conversation, created on its first message; a known thread keeps its row as it is. */
  async upsertThread(thread: InboundThread): Promise<ConversationRecord> {
    const { id, organizationId, channel, externalId, contact, subject } = thread;
    return this.tx.conversation.upsert({
      where: { organizationId_channel_externalId: { organizationId, channel, externalId } },
      create: { id, organizationId, channel, externalId, contact, subject },
      update: {},
      select: FIELDS,
    });
  }

  /** After an exchange: its outcome and the time of its last message. */
  async settle(organizationId: string, id: string, status: ConversationStatus, lastMessageAt: Date): Promise<void> {
    await this.tx.conversation.updateMany({ where: { id, organizationId }, data: { status, lastMessageAt } });
  }

  async find(organizationId: string, id: string): Promise<ConversationRecord | null> {
    return this.tx.conversation.findFirst({ where: { id, organizationId }, select: FIELDS });
  }

  /** Most recently active first; (lastMessageAt, id) is the keyset. */
  async list(organizationId: string, filter: ConversationFilter, page: ConversationPageRequest): Promise<ConversationRecord[]> {
    const after = page.after;
    return this.tx.conversation.findMany({
      where: {
        organizationId,
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.channel ? { channel: filter.channel } : {}),
        ...(after ? { OR: [{ lastMessageAt: { lt: after.at } }, { lastMessageAt: after.at, id: { lt: after.id } }] } : {}),
      },
      select: FIELDS,
      orderBy: [{ lastMessageAt: 'desc' }, { id: 'desc' }],
      take: page.limit + 1,
    });
  }

  /** Null when the conversation is not the organization's. */
  async setStatus(organizationId: string, id: string, status: ConversationStatus): Promise<ConversationRecord | null> {
    try {
      return await this.tx.conversation.update({ where: { id, organizationId }, data: { status }, select: FIELDS });
    } catch (error) {
      // P2025: no row matched (another organization's, or gone). By code: the error class differs per engine.
      if ((error as { code?: unknown } | null)?.code === 'P2025') return null;
      throw error;
    }
  }
}
