import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/** Discord ids are snowflakes: 64-bit integers written as 17 to 20 decimal digits. */
const SNOWFLAKE = /^\d{17,20}$/;

export class DiscordSendMessageInput {
  @ApiProperty({ example: '1187654321098765432', description: 'Channel id (snowflake)' })
  @IsString()
  @Matches(SNOWFLAKE, { message: 'channelId must be a Discord snowflake id' })
  channelId!: string;

  @ApiProperty({ example: 'New drop this Friday at 6pm CET! Who is in?', maxLength: 2000 })
  @IsString()
  @IsNotEmpty()
  // Discord rejects content longer than 2000 characters (Invalid Form Body).
  @MaxLength(2000)
  content!: string;

  @ApiPropertyOptional({ example: '1187654321098765000', description: 'Reply to this message' })
  @IsOptional()
  @IsString()
  @Matches(SNOWFLAKE, { message: 'replyToMessageId must be a Discord snowflake id' })
  replyToMessageId?: string;

  @ApiPropertyOptional({ default: false, description: 'Read the message aloud (text to speech)' })
  @IsOptional()
  @IsBoolean()
  tts?: boolean;
}

export class DiscordListRecentMessagesInput {
  @ApiProperty({ example: '1187654321098765432', description: 'Channel id (snowflake)' })
  @IsString()
  @Matches(SNOWFLAKE, { message: 'channelId must be a Discord snowflake id' })
  channelId!: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 100 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ example: '1187654321098765000', description: 'Only messages older than this one (paging back)' })
  @IsOptional()
  @IsString()
  @Matches(SNOWFLAKE, { message: 'before must be a Discord snowflake id' })
  before?: string;
}
