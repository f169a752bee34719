import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '../../../common/validation/page.query';
import { TREND_NETWORKS } from '../analysis/trend-items';
import type { InsightRecord, InsightSource } from '../persistence/insights.repository';

export class ListInsightsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the insights of this run' })
  @IsOptional()
  @IsUUID()
  runId?: string;
}

export class InsightSourceView {
  @ApiProperty({ enum: TREND_NETWORKS }) network!: string;
  @ApiProperty({ description: "The network's id of the post or video" }) id!: string;
  @ApiProperty({ format: 'uri' }) url!: string;
  @ApiProperty({ description: 'Its title or text, cut to 280 characters' }) text!: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: { score: 214, comments: 37 }, description: "The network's counts when it was read" })
  metrics!: Record<string, number>;
  @ApiProperty({ description: 'Interactions, weighted by effort (a comment counts twice a like)' }) engagement!: number;
  @ApiProperty({ description: "What it added to the trend's score: log(1 + engagement), halved every three days of age" }) weight!: number;
}

export class InsightResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'The trends run that found it' }) runId!: string | null;
  @ApiProperty({ example: 'linen' }) topic!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ description: 'Engagement and recency of its posts, more for each further network; comparable within a run' }) score!: number;
  @ApiProperty({ enum: TREND_NETWORKS, isArray: true }) networks!: string[];
  @ApiProperty({ type: [InsightSourceView], description: 'The posts it rests on, most weighty first' }) sources!: InsightSourceView[];
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
}

export class InsightPage {
  @ApiProperty({ type: [InsightResponse] }) items!: InsightResponse[];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last page' }) nextCursor!: string | null;
}

export function toInsightResponse(insight: InsightRecord): InsightResponse {
  return {
    id: insight.id,
    runId: insight.runId,
    topic: insight.topic,
    summary: insight.summary,
    score: insight.score,
    networks: insight.networks,
    sources: Array.isArray(insight.sources) ? (insight.sources as unknown as InsightSource[]).map(toSourceView) : [],
    createdAt: insight.createdAt.toISOString(),
  };
}

/** Field by field: whatever else a stored source holds stays out of the answer. */
function toSourceView(s: InsightSource): InsightSourceView {
  return { network: s.network, id: s.id, url: s.url, text: s.text, createdAt: s.createdAt, metrics: s.metrics, engagement: s.engagement, weight: s.weight };
}
