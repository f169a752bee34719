import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { LearningInput } from '../learning.input';

/** The weekly tuning's time zone and the input of each of its runs. */
export class LearningScheduleDto extends LearningInput {
  @ApiPropertyOptional({ example: 'Europe/Paris', default: 'UTC', description: 'IANA time zone its Monday 05:00 is read in' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  timezone?: string;
}
