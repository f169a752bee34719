import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** Messages per call: each one costs the provider a read (Gmail: one messages.get per message). */
export const MAX_LISTED_MESSAGES = 50;

/** The latest messages of a mailbox, newest first, optionally narrowed by the provider's search syntax. */
export class ListRecentEmailsDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_LISTED_MESSAGES, default: 10 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_LISTED_MESSAGES)
  maxResults?: number;

  @ApiPropertyOptional({ maxLength: 500, description: "The provider's search syntax, e.g. Gmail's `from:jane@example.com newer_than:7d`" })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  query?: string;
}
