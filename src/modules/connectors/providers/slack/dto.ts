import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/** Slack conversation ids: C (public), G (private, legacy) or D (direct message) and uppercase letters or digits. */
const CHANNEL_ID = /^[CGD][A-Z0-9]{6,}$/;
/** chat.postMessage also takes a public channel by name. */
const CHANNEL_ID_OR_NAME = /^([CGD][A-Z0-9]{6,}|#[a-z0-9][a-z0-9._-]{0,79})$/;
/** Slack message timestamps: seconds, a dot, a sequence ("1712345678.000100"). */
const MESSAGE_TS = /^\d{1,12}\.\d{1,8}$/;

export class SlackSendMessageInput {
  @ApiProperty({ example: 'C024BE91L', description: 'Channel id, or a public channel name such as #marketing' })
  @IsString()
  @Matches(CHANNEL_ID_OR_NAME, { message: 'channel must be a channel id (C024BE91L) or #name' })
  channel!: string;

  @ApiProperty({ example: 'Our spring collection is live: https://shop.example.com/spring', maxLength: 40_000 })
  @IsString()
  @IsNotEmpty()
  // Slack truncates text beyond 40,000 characters; refusing is better than a silently cut message.
  @MaxLength(40_000)
  text!: string;

  @ApiPropertyOptional({ example: '1712345678.000100', description: 'Reply in the thread of this message' })
  @IsOptional()
  @Matches(MESSAGE_TS, { message: 'threadTs must be a Slack message timestamp such as 1712345678.000100' })
  threadTs?: string;

  @ApiPropertyOptional({ default: true, description: 'Show previews of linked pages' })
  @IsOptional()
  @IsBoolean()
  unfurlLinks?: boolean;
}

export class SlackListChannelsInput {
  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 1000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  cursor?: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  includeArchived?: boolean;
}

export class SlackListRecentMessagesInput {
  @ApiProperty({ example: 'C024BE91L', description: 'Channel id (names are not accepted by conversations.history)' })
  @IsString()
  @Matches(CHANNEL_ID, { message: 'channel must be a channel id such as C024BE91L' })
  channel!: string;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 200 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ example: '1712345000.000000', description: 'Only messages after this timestamp' })
  @IsOptional()
  @Matches(MESSAGE_TS, { message: 'oldest must be a Slack message timestamp such as 1712345000.000000' })
  oldest?: string;
}
