import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsDefined, IsIn, IsInt, IsOptional, IsString, IsUrl, IsUUID, Matches, Max, MaxLength, Min, ValidateBy, ValidateIf } from 'class-validator';

export const POST_KINDS = ['self', 'link'] as const;
/** Subreddit names: 3 to 21 letters, digits or underscores, without the r/ prefix. */
const SUBREDDIT = /^[A-Za-z0-9_]{3,21}$/;
const SUBREDDIT_MESSAGE = { message: '$property must be a subreddit name without r/ (3 to 21 letters, digits or _)' };

export class SubmitPostInput {
  @ApiProperty({ example: 'malefashionadvice' })
  @Matches(SUBREDDIT, SUBREDDIT_MESSAGE)
  subreddit!: string;

  @ApiProperty({ maxLength: 300, example: 'We tested linen shirts for a summer: what held up' })
  @IsString()
  @MaxLength(300)
  @Matches(/\S/, { message: 'title must not be blank' })
  title!: string;

  @ApiProperty({ enum: POST_KINDS, description: 'self: a text post; link: a link post' })
  @IsIn(POST_KINDS)
  kind!: (typeof POST_KINDS)[number];

  @ApiPropertyOptional({ maxLength: 40_000, description: 'Markdown body of a self post' })
  @IsOptional()
  @IsString()
  @MaxLength(40_000)
  @ValidateBy({
    name: 'selfOnly',
    validator: { validate: (_value, args) => (args?.object as SubmitPostInput).kind === 'self', defaultMessage: () => 'text applies only to kind self' },
  })
  text?: string;

  @ApiPropertyOptional({ example: 'https://shop.example.com/journal/linen-test', description: 'Required for kind link' })
  @ValidateIf((dto: SubmitPostInput) => dto.kind === 'link' || dto.url !== undefined)
  @IsDefined({ message: 'url is required for kind link' })
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  @ValidateBy({
    name: 'linkOnly',
    validator: { validate: (_value, args) => (args?.object as SubmitPostInput).kind === 'link', defaultMessage: () => 'url applies only to kind link' },
  })
  url?: string;

  @ApiPropertyOptional({ description: "A flair template id from the subreddit (many subreddits require one)" })
  @IsOptional()
  @IsUUID()
  flairId?: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  sendReplies?: boolean;
}

export class GetPostMetricsInput {
  @ApiProperty({ example: 't3_1hx2k9q', description: 'The post fullname (t3_ and the base36 id)' })
  @Matches(/^t3_[a-z0-9]{1,12}$/, { message: 'postId must be a post fullname such as t3_1hx2k9q' })
  postId!: string;
}

export class ListRecentPostsInput {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 25 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ example: 'malefashionadvice', description: 'Only posts in this subreddit' })
  @IsOptional()
  @Matches(SUBREDDIT, SUBREDDIT_MESSAGE)
  subreddit?: string;
}
