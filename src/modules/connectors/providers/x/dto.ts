import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/** X ids are 64-bit snowflakes, sent as decimal strings (numbers would lose precision in JSON). */
const POST_ID = /^\d{1,19}$/;
const POST_ID_MESSAGE = { message: '$property must be a post id (digits, as a string)' };

export class PublishPostInput {
  // X counts some characters double (CJK, emoji) and every link as 23; X itself refuses what is still too long.
  @ApiProperty({ maxLength: 280, example: 'Our spring collection is live: linen, lighter, made to last. https://shop.example.com/spring' })
  @IsString()
  @MaxLength(280)
  @Matches(/\S/, { message: 'text must not be blank' })
  text!: string;

  @ApiPropertyOptional({ example: '1879012345678901234', description: 'Publish as a reply to this post' })
  @IsOptional()
  @Matches(POST_ID, POST_ID_MESSAGE)
  replyToPostId?: string;

  @ApiPropertyOptional({ example: '1879012345678901234', description: 'Quote this post' })
  @IsOptional()
  @Matches(POST_ID, POST_ID_MESSAGE)
  quotePostId?: string;
}

export class GetPostMetricsInput {
  @ApiProperty({ example: '1879012345678901234' })
  @Matches(POST_ID, POST_ID_MESSAGE)
  postId!: string;
}

export class ListRecentPostsInput {
  @ApiPropertyOptional({ minimum: 5, maximum: 100, default: 10, description: 'X returns between 5 and 100 per page' })
  @IsOptional()
  @IsInt()
  @Min(5)
  @Max(100)
  maxResults?: number;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  excludeReplies?: boolean;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  excludeReposts?: boolean;
}
