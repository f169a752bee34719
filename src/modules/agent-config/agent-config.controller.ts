import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiExtraModels, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import { PageQuery } from '../../common/validation/page.query';
import type { Principal } from '../api-keys/api-keys.service';
import { Authenticated, CurrentPrincipal } from '../auth/authenticated.decorator';
import { AgentConfigs } from './agent-configs';
import { ConfigHistory } from './config-history';
import { AgentConfigInput } from './dto/agent-config.input';
import { AgentConfigResponse, ApprovalPolicyView, ConfigChangePage, ConnectionStateView, RevertResponse, toAgentConfigResponse, toConfigChangeResponse } from './dto/agent-config.response';
import { IfMatchHeader, IfMatchVersionPipe } from './dto/if-match.pipe';
import { RequirePermission } from '../auth/permissions/require-permission.decorator';

@ApiTags('agent-config')
@ApiExtraModels(ApprovalPolicyView, ConnectionStateView)
@Authenticated()
@Controller('v1/agents/:name/config')
export class AgentConfigController {
  constructor(private readonly configs: AgentConfigs, private readonly history: ConfigHistory) {}

  @Get()
  @RequirePermission('agents:read')
  @ApiOperation({
    operationId: 'getAgentConfig',
    summary: "Get an agent's configuration",
    description: "The organization's configuration of the agent with defaults filled in (every declared write is approved by a person unless set otherwise), its version, whether each connection's connector is connected, and the agent's declared writes and tools",
  })
  @ApiOkResponse({ type: AgentConfigResponse })
  @ApiErrors(404)
  async get(@CurrentPrincipal() caller: Principal, @Param('name') name: string): Promise<AgentConfigResponse> {
    return toAgentConfigResponse(await this.configs.read(caller.organizationId, name));
  }

  @Put()
  @RequirePermission('agents:configure')
  @ApiOperation({
    operationId: 'putAgentConfig',
    summary: "Replace an agent's configuration",
    description: 'The whole configuration: a field left out returns to its default. Each changed field is recorded as a change (before and after) that can be reverted.',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The version read (GET): the configuration is replaced only if it is still that version, else 409; 0 = never configured' })
  @ApiOkResponse({ type: AgentConfigResponse })
  @ApiErrors(400, 404, 409)
  async put(
    @CurrentPrincipal() caller: Principal,
    @Param('name') name: string,
    @Body() dto: AgentConfigInput,
    @IfMatchHeader(IfMatchVersionPipe) expectedVersion: number | undefined,
  ): Promise<AgentConfigResponse> {
    return toAgentConfigResponse(await this.configs.replace(caller, name, dto, expectedVersion));
  }

  @Get('changes')
  @RequirePermission('agents:read')
  @ApiOperation({ operationId: 'listAgentConfigChanges', summary: "List an agent's configuration changes", description: 'Newest first, by a person, the learning agent or a revert; 20 per page unless limit says otherwise' })
  @ApiOkResponse({ type: ConfigChangePage })
  @ApiErrors(400, 404)
  async changes(@CurrentPrincipal() caller: Principal, @Param('name') name: string, @Query() query: PageQuery): Promise<ConfigChangePage> {
    const page = await this.history.list(caller.organizationId, name, query);
    return { items: page.items.map(toConfigChangeResponse), nextCursor: page.nextCursor };
  }

  @Post('changes/:changeId/revert')
  @HttpCode(200)
  @RequirePermission('agents:configure')
  @ApiOperation({
    operationId: 'revertAgentConfigChange',
    summary: 'Revert a configuration change',
    description: "Puts the field back to its value before the change, recorded as a new change (source revert); 409 when the change was already reverted or the field changed since",
  })
  @ApiOkResponse({ type: RevertResponse })
  @ApiErrors(400, 404, 409)
  async revert(@CurrentPrincipal() caller: Principal, @Param('name') name: string, @Param('changeId', new ParseUUIDPipe()) changeId: string): Promise<RevertResponse> {
    const reverted = await this.history.revert(caller, name, changeId);
    return { config: toAgentConfigResponse(reverted.view), change: toConfigChangeResponse(reverted.change) };
  }
}
