import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

const WORDS = /\S/;

/** memory.remember: what the agent wants to remember, and tags to narrow a later recall. */
export class RememberInput {
  @IsString()
  @Length(1, 10_000)
  @Matches(WORDS, { message: 'text must not be blank' })
  text!: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  tags?: string[];
}

/** memory.recall: a question, how many memories to answer, and tags every answer must carry. */
export class RecallInput {
  @IsString()
  @Length(1, 2_000)
  @Matches(WORDS, { message: 'query must not be blank' })
  query!: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  k?: number;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  tags?: string[];
}
