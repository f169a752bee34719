import { Body, Controller, Get, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import type { Principal } from '../api-keys/api-keys.service';
import { Authenticated, CurrentPrincipal } from '../auth/authenticated.decorator';
import { RunView, toRunView } from '../orchestration/dto/run.response';
import { RunsService } from '../orchestration/runs.service';
import { ConnectorError } from './connector-error';
import { ConnectorRegistry } from './connector-registry';
import { ConnectorsService } from './connectors.service';
import { ConnectorView, toConnectorView } from './dto/connector.response';
import { CONNECTOR_INVOKE_AGENT } from './invoke/connector-invoke.agent';
import { CREDENTIALS_PROVIDER, type CredentialsProvider } from './vault/credentials-provider';

@ApiTags('connectors')
@Authenticated()
@Controller('v1/connectors')
export class ConnectorsController {
  constructor(
    private readonly registry: ConnectorRegistry,
    private readonly runs: RunsService,
    private readonly connectors: ConnectorsService,
    @Inject(CREDENTIALS_PROVIDER) private readonly credentials: CredentialsProvider,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The connectors enabled in this deployment: manifest, real or mock, and whether the caller\'s organization connected each' })
  @ApiOkResponse({ type: [ConnectorView] })
  async list(@CurrentPrincipal() caller: Principal): Promise<ConnectorView[]> {
    const connected = await this.credentials.connectedKeys(caller.organizationId);
    return this.registry.enabled().map((p) => toConnectorView(p.manifest, p.mode, connected.has(p.manifest.key), false));
  }

  @Get(':key')
  @ApiOperation({ summary: 'One connector with its actions and their input JSON schemas' })
  @ApiOkResponse({ type: ConnectorView })
  @ApiErrors(404)
  async get(@CurrentPrincipal() caller: Principal, @Param('key') key: string): Promise<ConnectorView> {
    const provider = this.registry.get(key);
    return toConnectorView(provider.manifest, provider.mode, await this.credentials.isConnected(caller.organizationId, key), true);
  }

  @Post(':key/actions/:action')
  @ApiOperation({ summary: 'Run one action for the caller\'s organization, recorded as a run of connector.invoke with one tool execution' })
  @ApiCreatedResponse({ type: RunView })
  @ApiErrors(400, 404, 424, 429, 503)
  async invoke(
    @CurrentPrincipal() caller: Principal,
    @Param('key') key: string,
    @Param('action') action: string,
    @Body() input: Record<string, unknown>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RunView> {
    const provider = this.registry.get(key);
    await this.connectors.validate(key, action, input ?? {});
    // A real call without credentials is refused up front, before a run is recorded for nothing.
    if (provider.mode === 'real' && !(await this.credentials.isConnected(caller.organizationId, key))) throw ConnectorError.notConnected(key);
    const { run } = await this.runs.submit(caller, { agent: CONNECTOR_INVOKE_AGENT, intent: `${key}.${action}`, input: { connector: key, action, input: input ?? {} } });
    const { toolExecutions } = await this.runs.get(caller.organizationId, run.id);
    void reply.status(201);
    return toRunView(run, toolExecutions);
  }
}
