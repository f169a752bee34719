import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

/** What the model writes about one trend; bounded, so whatever it fills in fits an insight. */
export class TrendSummary {
  @ApiProperty({ minLength: 20, maxLength: 700, description: 'What people are saying about the topic, on which networks, and what a brand could do with it' })
  @IsString()
  @MinLength(20)
  @MaxLength(700)
  summary!: string;
}
