import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import type { Principal } from '../api-keys/api-keys.service';
import { Authenticated, CurrentPrincipal } from '../auth/authenticated.decorator';
import { CampaignQueries } from './campaign-queries';
import { CampaignsService } from './campaigns.service';
import { CreateCampaignDto, ListCampaignsQuery, UpdateCampaignDto } from './dto/campaign-request.dto';
import { CampaignDetailView, CampaignLaunchView, CampaignPage, CampaignView, toCampaignDetailView, toCampaignView } from './dto/campaign.response';
import { RequirePermission } from '../auth/permissions/require-permission.decorator';

@ApiTags('campaigns')
@Authenticated()
@Controller('v1/campaigns')
export class CampaignsController {
  constructor(private readonly campaigns: CampaignsService, private readonly queries: CampaignQueries) {}

  @Post()
  @RequirePermission('campaigns:write')
  @ApiOperation({ operationId: 'createCampaign', summary: 'Create a campaign', description: 'A goal for a brand and an audience (persona, recipients) on channels; DRAFT until launched' })
  @ApiCreatedResponse({ type: CampaignView })
  @ApiErrors(400, 404)
  async create(@CurrentPrincipal() caller: Principal, @Body() dto: CreateCampaignDto): Promise<CampaignView> {
    return toCampaignView(await this.campaigns.create(caller, dto));
  }

  @Get()
  @RequirePermission('campaigns:read')
  @ApiOperation({ operationId: 'listCampaigns', summary: 'List campaigns', description: 'Newest first, filtered by status or brand, with cursor pagination' })
  @ApiOkResponse({ type: CampaignPage })
  @ApiErrors(400)
  async list(@CurrentPrincipal() caller: Principal, @Query() query: ListCampaignsQuery): Promise<CampaignPage> {
    const page = await this.queries.list(caller.organizationId, query);
    return { items: page.items.map(toCampaignView), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @RequirePermission('campaigns:read')
  @ApiOperation({ operationId: 'getCampaign', summary: 'Get a campaign', description: 'The campaign with its runs, content, sends, posts and metrics' })
  @ApiOkResponse({ type: CampaignDetailView })
  @ApiErrors(400, 404)
  async get(@CurrentPrincipal() caller: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<CampaignDetailView> {
    const { campaign, activity } = await this.queries.get(caller.organizationId, id);
    return toCampaignDetailView(campaign, activity);
  }

  @Patch(':id')
  @RequirePermission('campaigns:write')
  @ApiOperation({ operationId: 'updateCampaign', summary: 'Edit a campaign', description: 'Before launch (DRAFT, or FAILED to launch): the fields sent change; settings merge' })
  @ApiOkResponse({ type: CampaignView })
  @ApiErrors(400, 404, 409)
  async update(@CurrentPrincipal() caller: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateCampaignDto): Promise<CampaignView> {
    return toCampaignView(await this.campaigns.update(caller.organizationId, id, dto));
  }

  @Post(':id/launch')
  @HttpCode(202)
  @RequirePermission('campaigns:publish')
  @ApiOperation({
    operationId: 'launchCampaign',
    summary: 'Launch a campaign',
    description: 'Starts the launch run: content, then each channel (email, social, SMS), each step a run linked to the campaign, with approvals as the agents are configured',
  })
  @ApiAcceptedResponse({ type: CampaignLaunchView })
  @ApiErrors(400, 404, 409, 503)
  async launch(@CurrentPrincipal() caller: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<CampaignLaunchView> {
    const { campaign, runId } = await this.campaigns.launch(caller, id);
    return { campaign: toCampaignView(campaign), runId };
  }
}
