import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import type { Principal } from '../api-keys/api-keys.service';
import { Authenticated, CurrentPrincipal } from '../auth/authenticated.decorator';
import { InsightPage, InsightResponse, ListInsightsQuery, toInsightResponse } from './dto/insight.dto';
import { InsightsService } from './insights.service';
import { RequirePermission } from '../auth/permissions/require-permission.decorator';

@ApiTags('insights')
@Authenticated()
@Controller('v1/insights')
export class InsightsController {
  constructor(private readonly insights: InsightsService) {}

  @Get()
  @RequirePermission('insights:read')
  @ApiOperation({ operationId: 'listInsights', summary: 'List insights', description: 'Trends the trends agent found, newest first, each with the posts it rests on; cursor pagination' })
  @ApiOkResponse({ type: InsightPage })
  @ApiErrors(400)
  async list(@CurrentPrincipal() caller: Principal, @Query() query: ListInsightsQuery): Promise<InsightPage> {
    const page = await this.insights.list(caller.organizationId, query);
    return { items: page.items.map(toInsightResponse), nextCursor: page.nextCursor };
  }

  @Get(':insightId')
  @RequirePermission('insights:read')
  @ApiOperation({ operationId: 'getInsight', summary: 'Get an insight', description: 'One insight with its sources' })
  @ApiOkResponse({ type: InsightResponse })
  @ApiErrors(400, 404)
  async get(@CurrentPrincipal() caller: Principal, @Param('insightId', new ParseUUIDPipe()) insightId: string): Promise<InsightResponse> {
    return toInsightResponse(await this.insights.get(caller.organizationId, insightId));
  }
}
