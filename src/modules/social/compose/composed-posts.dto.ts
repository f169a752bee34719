import { IsOptional, IsString, MaxLength } from 'class-validator';
import { INSTAGRAM_MAX_CAPTION_LENGTH, LINKEDIN_MAX_TEXT_LENGTH, TIKTOK_MAX_CAPTION_LENGTH, X_MAX_WEIGHTED_LENGTH, YOUTUBE_MAX_DESCRIPTION_BYTES, YOUTUBE_MAX_TITLE_LENGTH } from '../network-rules';

/**
 * Facebook takes 63,206 characters; a post anyone reads is far shorter, and the schema is what the
 * model is told, so it is asked for what LinkedIn allows.
 */
const FACEBOOK_COMPOSE_LENGTH = LINKEDIN_MAX_TEXT_LENGTH;

/**
 * What the model writes in one call: a post per network, each capped in characters at its
 * network's limit (the schema tells the model). The caps are characters, while X counts weighted
 * characters and YouTube bytes: fitPost cuts to the exact measure afterwards, and checkPost
 * reports what still does not fit. Every field is optional: the model writes only the networks it
 * is asked for (a deterministic test model fills them all; the agent reads only those asked).
 */
export class ComposedPosts {
  @IsOptional()
  @IsString()
  @MaxLength(X_MAX_WEIGHTED_LENGTH)
  x?: string;

  @IsOptional()
  @IsString()
  @MaxLength(LINKEDIN_MAX_TEXT_LENGTH)
  linkedin?: string;

  @IsOptional()
  @IsString()
  @MaxLength(FACEBOOK_COMPOSE_LENGTH)
  facebook?: string;

  @IsOptional()
  @IsString()
  @MaxLength(INSTAGRAM_MAX_CAPTION_LENGTH)
  instagram?: string;

  @IsOptional()
  @IsString()
  @MaxLength(TIKTOK_MAX_CAPTION_LENGTH)
  tiktok?: string;

  /** The video's description. */
  @IsOptional()
  @IsString()
  @MaxLength(YOUTUBE_MAX_DESCRIPTION_BYTES)
  youtube?: string;

  @IsOptional()
  @IsString()
  @MaxLength(YOUTUBE_MAX_TITLE_LENGTH)
  youtubeTitle?: string;
}
