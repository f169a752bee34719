import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDateString, IsIn, IsNumber, IsOptional, IsUUID, Max, Min, ValidateIf, ValidateNested } from 'class-validator';

export const METRIC_CHANNELS = ['email', 'sms', 'social'] as const;
export type MetricChannel = (typeof METRIC_CHANNELS)[number];
export const METRIC_KINDS = ['open', 'click', 'bounce', 'unsubscribe', 'reply', 'impressions', 'engagement'] as const;
export type MetricKind = (typeof METRIC_KINDS)[number];
export const MAX_METRIC_EVENTS = 500;

/** Sent alone, `channel` and `kind` are required; inside `events` every event is one of these. */
const single = (dto: CampaignMetricEventDto & { events?: unknown }) => dto.events === undefined;

/** One measured outcome: an open, a click, a bounce, an unsubscribe, a reply, impressions or engagement. */
export class CampaignMetricEventDto {
  @ApiPropertyOptional({ format: 'uuid', description: "The campaign it counts for; default: the message's or post's campaign" })
  @IsOptional()
  @IsUUID()
  campaignId?: string;

  @ApiProperty({ enum: METRIC_CHANNELS })
  @ValidateIf(single)
  @IsIn(METRIC_CHANNELS)
  channel!: MetricChannel;

  @ApiProperty({ enum: METRIC_KINDS, description: 'bounce and unsubscribe on an email message (unsubscribe on a text too) also suppress its address' })
  @ValidateIf(single)
  @IsIn(METRIC_KINDS)
  kind!: MetricKind;

  @ApiPropertyOptional({ minimum: 0, maximum: 1e9, default: 1, description: 'How many (impressions, engagements); 1 for a single open or click' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1e9)
  value?: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'The email or text it is about (one of messageId, socialPostId)' })
  @IsOptional()
  @IsUUID()
  messageId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The social post it is about' })
  @IsOptional()
  @IsUUID()
  socialPostId?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'When it happened; default: now' })
  @IsOptional()
  @IsDateString({ strict: true })
  occurredAt?: string;
}

/** One event, or up to MAX_METRIC_EVENTS as `events` (then nothing else at the top level). */
export class RecordCampaignMetricsDto extends CampaignMetricEventDto {
  @ApiPropertyOptional({ type: [CampaignMetricEventDto], maxItems: MAX_METRIC_EVENTS, description: `Up to ${MAX_METRIC_EVENTS} events in one request, recorded together or not at all` })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_METRIC_EVENTS)
  @ValidateNested({ each: true })
  @Type(() => CampaignMetricEventDto)
  events?: CampaignMetricEventDto[];
}

export class RecordedMetricsView {
  @ApiProperty({ example: 2, description: 'Events recorded' }) recorded!: number;
  @ApiProperty({ example: 1, description: 'Addresses suppressed now by a bounce or an unsubscribe (already suppressed ones not counted)' }) suppressed!: number;
}
