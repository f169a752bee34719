import { Injectable } from '@nestjs/common';
import type { UpdateConversationDto } from './dto/conversation-request.dto';
import { type ConversationRecord, ConversationsRepository } from './persistence/conversations.repository';
import { ConversationNotFoundError } from './support-errors';

/** A person closes a conversation or reopens it; the agent's outcomes (ANSWERED, ESCALATED) are not set by hand. */
@Injectable()
export class SetConversationStatus {
  constructor(private readonly conversations: ConversationsRepository) {}

  async set(organizationId: string, id: string, dto: UpdateConversationDto): Promise<ConversationRecord> {
    const updated = await this.conversations.setStatus(organizationId, id, dto.status);
    if (!updated) throw new ConversationNotFoundError(id);
    return updated;
  }
}
