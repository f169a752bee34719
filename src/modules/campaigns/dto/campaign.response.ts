import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CampaignActivity } from '../persistence/campaign-activity';
import type { CampaignRecord } from '../persistence/campaigns.repository';
import { CAMPAIGN_CHANNELS, CAMPAIGN_STATUSES, CampaignAudienceDto, CampaignSettingsDto } from './campaign-request.dto';

export class CampaignView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() goal!: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) brandId!: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) personaId!: string | null;
  @ApiProperty({ enum: CAMPAIGN_CHANNELS, isArray: true }) channels!: string[];
  @ApiProperty({ enum: CAMPAIGN_STATUSES }) status!: string;
  @ApiProperty({ type: CampaignAudienceDto }) audience!: CampaignAudienceDto;
  @ApiProperty({ type: CampaignSettingsDto }) settings!: CampaignSettingsDto;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) launchedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class CampaignPage {
  @ApiProperty({ type: [CampaignView] }) items!: CampaignView[];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last' }) nextCursor!: string | null;
}

class CampaignRunView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() agent!: string;
  @ApiProperty() status!: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'The run that started it (the launch, or the compose step of a send)' }) parentRunId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) finishedAt!: string | null;
}

class CampaignContentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() status!: string;
  @ApiProperty() title!: string;
  @ApiPropertyOptional({ type: Number, nullable: true }) voiceScore!: number | null;
}

class CampaignSendView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() channel!: string;
  @ApiProperty() status!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) toAddress!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) subject!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) providerMessageId!: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) sentAt!: string | null;
}

class CampaignSendsView {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { SENT: 12, SUPPRESSED: 1 } }) byStatus!: Record<string, number>;
  @ApiProperty({ type: [CampaignSendView], description: 'The 50 most recent' }) recent!: CampaignSendView[];
}

class CampaignPostView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() network!: string;
  @ApiProperty() status!: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: "The network's id, once published" }) externalId!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) externalUrl!: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) publishedAt!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) metrics!: Record<string, unknown>;
}

class CampaignMetricView {
  @ApiProperty({ example: 'email' }) channel!: string;
  @ApiProperty({ example: 'sent' }) kind!: string;
  @ApiProperty({ description: 'Sum of the measured values' }) total!: number;
  @ApiProperty({ description: 'Measurements summed' }) count!: number;
}

export class CampaignDetailView extends CampaignView {
  @ApiProperty({ type: [CampaignRunView] }) runs!: CampaignRunView[];
  @ApiProperty({ type: [CampaignContentView] }) contents!: CampaignContentView[];
  @ApiProperty({ type: CampaignSendsView }) sends!: CampaignSendsView;
  @ApiProperty({ type: [CampaignPostView] }) posts!: CampaignPostView[];
  @ApiProperty({ type: [CampaignMetricView] }) metrics!: CampaignMetricView[];
}

export class CampaignLaunchView {
  @ApiProperty({ type: CampaignView }) campaign!: CampaignView;
  @ApiProperty({ format: 'uuid', description: 'The launch run: follow it with GET /v1/runs/:id or its events' }) runId!: string;
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

export function toCampaignView(c: CampaignRecord): CampaignView {
  return {
    id: c.id,
    name: c.name,
    goal: c.goal,
    brandId: c.brandId,
    personaId: c.personaId,
    channels: c.channels,
    status: c.status,
    audience: c.audience,
    settings: c.settings,
    launchedAt: iso(c.launchedAt),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export function toCampaignDetailView(c: CampaignRecord, activity: CampaignActivity): CampaignDetailView {
  return {
    ...toCampaignView(c),
    runs: activity.runs.map((r) => ({ id: r.id, agent: r.agent, status: r.status, parentRunId: r.parentRunId, createdAt: r.createdAt.toISOString(), finishedAt: iso(r.finishedAt) })),
    contents: activity.contents.map((x) => ({ id: x.id, kind: x.kind, status: x.status, title: x.title, voiceScore: x.voiceScore })),
    sends: { byStatus: activity.sends.byStatus, recent: activity.sends.recent.map((m) => ({ ...m, sentAt: iso(m.sentAt) })) },
    posts: activity.posts.map((p) => ({ ...p, publishedAt: iso(p.publishedAt), metrics: (p.metrics ?? {}) as Record<string, unknown> })),
    metrics: activity.metrics,
  };
}
