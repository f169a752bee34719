import { Body, Controller, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../../common/openapi/api-errors.decorator';
import type { Principal } from '../../api-keys/api-keys.service';
import { Authenticated, CurrentPrincipal } from '../../auth/authenticated.decorator';
import { MAX_METRIC_EVENTS, RecordCampaignMetricsDto, RecordedMetricsView } from '../dto/campaign-metric.dto';
import { CampaignMetricsService } from './campaign-metrics.service';
import { RequirePermission } from '../../auth/permissions/require-permission.decorator';

@ApiTags('learning')
@Authenticated()
@Controller('v1/campaign-metrics')
export class CampaignMetricsController {
  constructor(private readonly metrics: CampaignMetricsService) {}

  @Post()
  @RequirePermission('campaigns:write')
  @ApiOperation({
    operationId: 'recordCampaignMetrics',
    summary: 'Report outcomes (opens, clicks, bounces, unsubscribes, replies, impressions, engagement)',
    description: `How an ESP, a tracker or a network reports what happened to a send or a post: one event, or up to ${MAX_METRIC_EVENTS} as {events}, recorded together or not at all. The campaign, message or post named must be the organization's (404). A bounce or an unsubscribe on an email (an unsubscribe on a text) also suppresses the address. The learning agent tunes the agents on these.`,
  })
  @ApiCreatedResponse({ type: RecordedMetricsView })
  @ApiErrors(400, 404)
  record(@CurrentPrincipal() caller: Principal, @Body() dto: RecordCampaignMetricsDto): Promise<RecordedMetricsView> {
    return this.metrics.record(caller.organizationId, dto);
  }
}
