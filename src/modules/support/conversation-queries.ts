import { Injectable } from '@nestjs/common';
import type { MessageChannel } from '../../generated/prisma/enums';
import { decodeCursor, encodeCursor } from '../../common/validation/page-cursor';
import type { ListConversationsQuery } from './dto/conversation-request.dto';
import { type ConversationRecord, ConversationsRepository } from './persistence/conversations.repository';
import { ConversationMessagesRepository, type MessageRecord } from './persistence/messages.repository';
import { ConversationNotFoundError } from './support-errors';

const DEFAULT_PAGE_SIZE = 20;
const MESSAGES_SHOWN = 200;

/** Conversations as a person reads them: the inbox, most recently active first, and one thread with its messages. */
@Injectable()
export class ConversationQueries {
  constructor(private readonly conversations: ConversationsRepository, private readonly messages: ConversationMessagesRepository) {}

  async list(organizationId: string, query: ListConversationsQuery): Promise<{ items: ConversationRecord[]; nextCursor: string | null }> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    // The page order is (lastMessageAt, id): the run cursor's (time, id) pair carries it.
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const filter = { ...(query.status ? { status: query.status } : {}), ...(query.channel ? { channel: query.channel.toUpperCase() as MessageChannel } : {}) };
    const rows = await this.conversations.list(organizationId, filter, { limit, ...(after ? { after: { at: after.createdAt, id: after.id } } : {}) });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit ? encodeCursor({ createdAt: last.lastMessageAt, id: last.id }) : null };
  }

  async get(organizationId: string, id: string): Promise<{ conversation: ConversationRecord; messages: MessageRecord[] }> {
    const conversation = await this.conversations.find(organizationId, id);
    if (!conversation) throw new ConversationNotFoundError(id);
    return { conversation, messages: await this.messages.latestOf(organizationId, id, MESSAGES_SHOWN) };
  }
}
