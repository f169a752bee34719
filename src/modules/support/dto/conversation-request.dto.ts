import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '../../../common/validation/page.query';

export const CONVERSATION_STATUSES = ['OPEN', 'ANSWERED', 'ESCALATED', 'CLOSED'] as const;
export type ConversationStatusName = (typeof CONVERSATION_STATUSES)[number];
/** Every channel a conversation may be on (the MessageChannel enum, lower-cased as the agents' inputs write them). */
export const CONVERSATION_CHANNELS = ['email', 'sms', 'whatsapp', 'slack', 'discord'] as const;
export type ConversationChannel = (typeof CONVERSATION_CHANNELS)[number];

export class ListConversationsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CONVERSATION_STATUSES, description: 'ESCALATED: the ones waiting for a person' })
  @IsOptional()
  @IsIn(CONVERSATION_STATUSES)
  status?: ConversationStatusName;

  @ApiPropertyOptional({ enum: CONVERSATION_CHANNELS })
  @IsOptional()
  @IsIn(CONVERSATION_CHANNELS)
  channel?: ConversationChannel;
}

/** Closing and reopening are a person's; ANSWERED and ESCALATED are the support agent's outcomes. */
export const SETTABLE_STATUSES = ['CLOSED', 'OPEN'] as const;

export class UpdateConversationDto {
  @ApiProperty({ enum: SETTABLE_STATUSES, description: 'CLOSED closes the conversation; OPEN reopens it (a new message in its thread takes it out of CLOSED as well)' })
  @IsIn(SETTABLE_STATUSES)
  status!: (typeof SETTABLE_STATUSES)[number];
}
