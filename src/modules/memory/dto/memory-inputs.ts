import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

const WORDS = /\S/;

/** The input of `memory.remember`: what the agent wants to remember, and tags to narrow a later recall. Untrusted, like any tool input. */
export class RememberInput {
  @ApiProperty({ minLength: 1, maxLength: 10_000, description: 'What to remember, in words a later question would use' })
  @IsString()
  @Length(1, 10_000)
  @Matches(WORDS, { message: 'text must not be blank' })
  text!: string;

  @ApiPropertyOptional({ type: [String], maxItems: 20, description: 'Up to 20 tags of 1 to 64 characters; a recall may ask for memories carrying them' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  tags?: string[];
}

/** The input of `memory.recall`: a question, how many memories to answer, and tags every answer must carry. */
export class RecallInput {
  @ApiProperty({ minLength: 1, maxLength: 2_000, description: 'The question the memories should answer' })
  @IsString()
  @Length(1, 2_000)
  @Matches(WORDS, { message: 'query must not be blank' })
  query!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 20, default: 5, description: 'How many memories to answer' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  k?: number;

  @ApiPropertyOptional({ type: [String], maxItems: 20, description: 'Only memories carrying every one of these tags' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  tags?: string[];
}
