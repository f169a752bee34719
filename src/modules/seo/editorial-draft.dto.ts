import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export const EDITORIAL_FORMATS = ['blog_post', 'guide', 'how_to', 'listicle', 'comparison', 'faq', 'landing_page', 'newsletter', 'video'] as const;
/** Where an entry is published: the blog, the site's pages, an email, social networks, YouTube. */
export const EDITORIAL_CHANNELS = ['blog', 'web', 'email', 'social', 'youtube'] as const;
export type EditorialFormat = (typeof EDITORIAL_FORMATS)[number];
export type EditorialChannel = (typeof EDITORIAL_CHANNELS)[number];

export const MAX_TITLE = 160;
export const MAX_BRIEF = 2_000;

/**
 * What the model proposes for one keyword cluster. Bounded so any object the model fills in is
 * one the calendar can store: lengths, and formats and channels from closed lists.
 */
export class EditorialDraft {
  @ApiProperty({ minLength: 5, maxLength: 120, description: 'The working title; it should contain the lead keyword' })
  @IsString()
  @MinLength(5)
  @MaxLength(120)
  @Matches(/\S/)
  title!: string;

  @ApiProperty({ minLength: 20, maxLength: 1_200, description: 'For the writer: the search intent to answer, what to cover, the keywords to use' })
  @IsString()
  @MinLength(20)
  @MaxLength(1_200)
  brief!: string;

  @ApiProperty({ enum: EDITORIAL_FORMATS })
  @IsIn(EDITORIAL_FORMATS)
  format!: EditorialFormat;

  @ApiProperty({ enum: EDITORIAL_CHANNELS })
  @IsIn(EDITORIAL_CHANNELS)
  channel!: EditorialChannel;
}
