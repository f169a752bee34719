import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ConversationRecord } from '../persistence/conversations.repository';
import type { MessageRecord } from '../persistence/messages.repository';
import { CONVERSATION_CHANNELS, CONVERSATION_STATUSES, type ConversationChannel, type ConversationStatusName } from './conversation-request.dto';

const MESSAGE_STATUSES = ['RECEIVED', 'DRAFT', 'QUEUED', 'SENT', 'FAILED', 'SUPPRESSED', 'ESCALATED'] as const;

export class ConversationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: CONVERSATION_CHANNELS }) channel!: ConversationChannel;
  @ApiProperty({ example: 'C024BE91L:1712345678.000100', description: "The channel's thread id" }) threadId!: string;
  @ApiProperty({ example: 'U061F7AUR', description: 'Who the organization talks with there' }) contact!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) subject!: string | null;
  @ApiProperty({ enum: CONVERSATION_STATUSES, description: 'ANSWERED: the agent replied; ESCALATED: a person declined its answer, nothing was sent; CLOSED: a person closed it' })
  status!: ConversationStatusName;
  @ApiProperty({ type: String, format: 'date-time' }) lastMessageAt!: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: string;
}

export class ConversationMessageView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['INBOUND', 'OUTBOUND'] }) direction!: 'INBOUND' | 'OUTBOUND';
  @ApiProperty({ enum: MESSAGE_STATUSES, description: 'RECEIVED (the question), SENT (the answer), ESCALATED (an answer a person declined: not sent)' }) status!: string;
  @ApiProperty() body!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) subject!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) from!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) to!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'slack', description: 'The connector it went out through' }) connector!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: "The provider's id of the sent message (Slack ts, Gmail id, ...)" }) providerMessageId!: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, maximum: 1, description: 'Answers: how sure the agent was that the knowledge base answers the question' }) confidence!: number | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Why it was not sent' }) error!: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'The run that wrote it' }) runId!: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) sentAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
}

export class ConversationDetailView extends ConversationView {
  @ApiProperty({ type: [ConversationMessageView], description: 'Its latest 200 messages, oldest first' }) messages!: ConversationMessageView[];
}

export class ConversationPage {
  @ApiProperty({ type: [ConversationView] }) items!: ConversationView[];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last page' }) nextCursor!: string | null;
}

export function toConversationView(row: ConversationRecord): ConversationView {
  return {
    id: row.id,
    channel: row.channel.toLowerCase() as ConversationChannel,
    threadId: row.externalId,
    contact: row.contact,
    subject: row.subject,
    status: row.status,
    lastMessageAt: row.lastMessageAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toConversationDetailView(row: ConversationRecord, messages: MessageRecord[]): ConversationDetailView {
  return { ...toConversationView(row), messages: messages.map(toMessageView) };
}

function toMessageView(m: MessageRecord): ConversationMessageView {
  return {
    id: m.id,
    direction: m.direction,
    status: m.status,
    body: m.body,
    subject: m.subject,
    from: m.fromAddress,
    to: m.toAddress,
    connector: m.connectorKey,
    providerMessageId: m.providerMessageId,
    confidence: m.confidence,
    error: m.error,
    runId: m.runId,
    sentAt: m.sentAt?.toISOString() ?? null,
    createdAt: m.createdAt.toISOString(),
  };
}
