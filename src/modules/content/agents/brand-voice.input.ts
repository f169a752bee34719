import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

/** What `brand.score_voice` scores at most: the original and the rewrite are both scored. */
export const MAX_REWRITE_TEXT = 20_000;

export class BrandVoiceInput {
  @ApiProperty({ minLength: 1, maxLength: MAX_REWRITE_TEXT, example: 'Our coffee is the best in the world and cheap too!!! Buy now.' })
  @IsString()
  @Matches(/\S/, { message: 'text must not be blank' })
  @MaxLength(MAX_REWRITE_TEXT)
  text!: string;

  @ApiPropertyOptional({ format: 'uuid', description: "The brand whose voice to write in; default: the agent's configured brand" })
  @IsOptional()
  @IsUUID()
  brandId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "Default: the brand's default voice, else its only voice" })
  @IsOptional()
  @IsUUID()
  voiceId?: string;
}
