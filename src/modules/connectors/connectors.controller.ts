import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import type { Principal } from '../api-keys/api-keys.service';
import { Authenticated, CurrentPrincipal } from '../auth/authenticated.decorator';
import { ConnectorRegistry } from './connector-registry';
import { ConnectorView, toConnectorView } from './dto/connector.response';
import { CREDENTIALS_PROVIDER, type CredentialsProvider } from './vault/credentials-provider';
import { RequirePermission } from '../auth/permissions/require-permission.decorator';

@ApiTags('connectors')
@Authenticated()
@Controller('v1/connectors')
export class ConnectorsController {
  constructor(
    private readonly registry: ConnectorRegistry,
    @Inject(CREDENTIALS_PROVIDER) private readonly credentials: CredentialsProvider,
  ) {}

  @Get()
  @RequirePermission('connectors:read')
  @ApiOperation({ operationId: 'listConnectors', summary: 'List connectors', description: 'The connectors enabled in this deployment: manifest, real or mock, and whether the caller\'s organization connected each' })
  @ApiOkResponse({ type: [ConnectorView] })
  async list(@CurrentPrincipal() caller: Principal): Promise<ConnectorView[]> {
    const connected = await this.credentials.connectedKeys(caller.organizationId);
    return this.registry.enabled().map((p) => toConnectorView(p.manifest, p.mode, connected.has(p.manifest.key), false));
  }

  @Get(':key')
  @RequirePermission('connectors:read')
  @ApiOperation({ operationId: 'getConnector', summary: 'Get a connector', description: 'One connector with its actions, their input JSON schemas and output examples, and the credential fields it needs (PUT /v1/connectors/{key}/credentials) or its OAuth2 scopes' })
  @ApiOkResponse({ type: ConnectorView })
  @ApiErrors(404)
  async get(@CurrentPrincipal() caller: Principal, @Param('key') key: string): Promise<ConnectorView> {
    const provider = this.registry.get(key);
    return toConnectorView(provider.manifest, provider.mode, await this.credentials.isConnected(caller.organizationId, key), true);
  }
}
