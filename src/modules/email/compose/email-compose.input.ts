import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsEmail, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { REACHABLE_LEAD_STATUSES, type ReachableLeadStatus } from '../../audience/dto/audience-tool.dto';

/** Each recipient of each step is one send run: a compose run starts at most this many (a campaign's audience holds up to 1,000 emails). */
export const MAX_SENDS = 1_000;
export const MAX_RECIPIENTS = 1_000;
export const MAX_STEPS = 5;

export class EmailSequenceSpec {
  @ApiProperty({ minimum: 1, maximum: MAX_STEPS, example: 3, description: 'Emails in the sequence' })
  @IsInt()
  @Min(1)
  @Max(MAX_STEPS)
  steps!: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 30, default: 3, description: 'Days between one email and the next' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(30)
  delayDays?: number;
}

export class EmailComposeInput {
  @ApiPropertyOptional({ format: 'uuid', description: "The organization's campaign the emails belong to (its goal is part of the brief)" })
  @IsOptional()
  @IsUUID()
  campaignId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A content (newsletter, blog post) the emails are written from; brief or contentId is required' })
  @IsOptional()
  @IsUUID()
  contentId?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 2_000, example: 'Announce our spring collection to returning customers; 20% off until Sunday' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2_000)
  brief?: string;

  @ApiPropertyOptional({ type: [String], format: 'email', minItems: 1, maxItems: MAX_RECIPIENTS, description: `Who receives it; recipients or leadStatus is required; recipients times steps at most ${MAX_SENDS}` })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_RECIPIENTS)
  @IsEmail({}, { each: true })
  @MaxLength(320, { each: true })
  recipients?: string[];

  @ApiPropertyOptional({ enum: REACHABLE_LEAD_STATUSES, description: `The leads in this status that have an email, oldest first (at most ${MAX_SENDS} sends: recipients times steps)` })
  @IsOptional()
  @IsIn(REACHABLE_LEAD_STATUSES)
  leadStatus?: ReachableLeadStatus;

  @ApiPropertyOptional({ type: EmailSequenceSpec, description: 'A sequence of emails instead of one' })
  @IsOptional()
  @ValidateNested()
  @Type(() => EmailSequenceSpec)
  sequence?: EmailSequenceSpec;

  @ApiPropertyOptional({ description: "Write two subjects for the first email and send each to half of the recipients (an A/B test of the open rate)" })
  @IsOptional()
  @IsBoolean()
  abTestSubjects?: boolean;

  @ApiPropertyOptional({ format: 'uuid', description: "Write in this brand's voice (default: the agent's configured brand, else the campaign's)" })
  @IsOptional()
  @IsUUID()
  brandId?: string;

  @ApiPropertyOptional({ minimum: 1_000, maximum: 604_800_000, description: 'How long the approval may wait before it counts as rejected (default: until decided)' })
  @IsOptional()
  @IsInt()
  @Min(1_000)
  @Max(604_800_000)
  approvalExpiresInMs?: number;
}
