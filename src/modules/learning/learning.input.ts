import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { TUNABLE_AGENTS, type TunableAgent } from './outcomes.types';

export const DEFAULT_DAYS = 30;
export const DEFAULT_MIN_SAMPLE = 50;

/** What the learning agent looks at: which agents, over how many days, and how much evidence it needs before it changes anything. */
export class LearningInput {
  @ApiPropertyOptional({ type: [String], enum: TUNABLE_AGENTS, default: [...TUNABLE_AGENTS], description: 'The agents to tune (default: all four)' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(TUNABLE_AGENTS.length)
  @ArrayUnique()
  @IsIn(TUNABLE_AGENTS, { each: true })
  agents?: TunableAgent[];

  @ApiPropertyOptional({ minimum: 7, maximum: 90, default: DEFAULT_DAYS, description: 'The window of outcomes read, ending now' })
  @IsOptional()
  @IsInt()
  @Min(7)
  @Max(90)
  days?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100000, default: DEFAULT_MIN_SAMPLE, description: 'The fewest sends (email, SMS) or posts (social, content) in the window before an agent is tuned at all' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100000)
  minSample?: number;
}
