import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app-config';
import type { Principal } from '../api-keys/api-keys.service';
import { Authenticated, CurrentPrincipal } from '../auth/authenticated.decorator';
import { CircuitBreakers } from '../policies/circuit-breakers';
import { AgentRegistry, RegisteredAgent } from './agent-registry';
import { AgentView, toAgentView } from './dto/agent.response';
import { RequirePermission } from '../auth/permissions/require-permission.decorator';

@ApiTags('agents')
@Authenticated()
@Controller('v1/agents')
export class AgentsController {
  constructor(
    private readonly registry: AgentRegistry,
    private readonly breakers: CircuitBreakers,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @RequirePermission('agents:read')
  @ApiOperation({ operationId: 'listAgents', summary: 'List agents', description: "The registered agents with their input schema, tools, policies and the caller's organization's circuit state" })
  @ApiOkResponse({ type: [AgentView] })
  list(@CurrentPrincipal() caller: Principal): AgentView[] {
    return this.registry.list().map((a) => this.view(a, caller));
  }

  @Get(':name')
  @RequirePermission('agents:read')
  @ApiOperation({ operationId: 'getAgent', summary: 'Get an agent', description: 'One registered agent: its input JSON schema, tools, policies and circuit state' })
  @ApiOkResponse({ type: AgentView })
  @ApiErrors(404)
  get(@CurrentPrincipal() caller: Principal, @Param('name') name: string): AgentView {
    return this.view(this.registry.get(name), caller);
  }

  private view(agent: RegisteredAgent, caller: Principal): AgentView {
    const { timeoutMs, maxAttempts, rateLimitPerMinute } = this.config.runs;
    const circuit = this.breakers.state({ organizationId: caller.organizationId, agent: agent.definition.name });
    return toAgentView(agent, { timeoutMs, maxAttempts, rateLimitPerMinute }, circuit);
  }
}
