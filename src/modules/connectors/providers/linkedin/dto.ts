import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, MaxLength, Min, ValidateBy } from 'class-validator';

/** A member (urn:li:person:...) or a company page (urn:li:organization:...). */
const AUTHOR = /^urn:li:(person|organization):[A-Za-z0-9_-]{1,64}$/;
const AUTHOR_MESSAGE = { message: '$property must be urn:li:person:<id> or urn:li:organization:<id>' };
export const VISIBILITIES = ['PUBLIC', 'CONNECTIONS'] as const;

export class PublishPostInput {
  @ApiProperty({ example: 'urn:li:organization:2414183' })
  @Matches(AUTHOR, AUTHOR_MESSAGE)
  author!: string;

  @ApiProperty({ maxLength: 3000, example: 'Our spring collection is live. Linen, lighter, made to last.' })
  @IsString()
  @MaxLength(3000)
  @Matches(/\S/, { message: 'commentary must not be blank' })
  commentary!: string;

  @ApiPropertyOptional({ enum: VISIBILITIES, default: 'PUBLIC', description: 'CONNECTIONS applies to member posts only' })
  @IsOptional()
  @IsIn(VISIBILITIES)
  visibility?: (typeof VISIBILITIES)[number];

  @ApiPropertyOptional({ example: 'https://shop.example.com/spring', description: 'Shared as an article card' })
  @IsOptional()
  @IsUrl({ protocols: ['https'], require_protocol: true })
  articleUrl?: string;

  @ApiPropertyOptional({ maxLength: 400, description: 'Title of the article card; requires articleUrl' })
  @IsOptional()
  @IsString()
  @ValidateBy({
    name: 'requiresArticleUrl',
    validator: { validate: (_value, args) => (args?.object as PublishPostInput).articleUrl !== undefined, defaultMessage: () => 'articleTitle requires articleUrl' },
  })
  @MaxLength(400)
  @Matches(/\S/, { message: 'articleTitle must not be blank' })
  articleTitle?: string;
}

export class GetPostAnalyticsInput {
  @ApiProperty({ example: 'urn:li:share:7281234567890123456' })
  @Matches(/^urn:li:(share|ugcPost):\d{1,25}$/, { message: 'postUrn must be urn:li:share:<id> or urn:li:ugcPost:<id>' })
  postUrn!: string;

  @ApiProperty({ example: 'urn:li:organization:2414183', description: 'Share statistics are reported per organization page' })
  @Matches(/^urn:li:organization:\d{1,20}$/, { message: 'organizationUrn must be urn:li:organization:<id>' })
  organizationUrn!: string;
}

export class ListRecentPostsInput {
  @ApiProperty({ example: 'urn:li:organization:2414183' })
  @Matches(AUTHOR, AUTHOR_MESSAGE)
  author!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 10 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  count?: number;
}
