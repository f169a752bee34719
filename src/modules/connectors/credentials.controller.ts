import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import type { Principal } from '../api-keys/api-keys.service';
import { Authenticated, CurrentPrincipal } from '../auth/authenticated.decorator';
import { ConnectionQueryDto, PutCredentialsDto } from './dto/credentials.dto';
import { ConnectionView, toConnectionView } from './dto/credentials.response';
import { ConnectionsService } from './vault/connections.service';
import { RequirePermission } from '../auth/permissions/require-permission.decorator';

@ApiTags('connectors')
@Authenticated()
@Controller('v1/connectors')
export class CredentialsController {
  constructor(private readonly connections: ConnectionsService) {}

  @Put(':key/credentials')
  @RequirePermission('credentials:manage')
  @ApiOperation({ operationId: 'putCredentials', summary: 'Store credentials', description: "Store the organization's credentials for an api_key, basic or smtp connector (encrypted; the answer masks them)" })
  @ApiOkResponse({ type: ConnectionView })
  @ApiErrors(400, 404)
  async put(@CurrentPrincipal() caller: Principal, @Param('key') key: string, @Body() dto: PutCredentialsDto): Promise<ConnectionView> {
    return toConnectionView(await this.connections.putCredentials(caller.organizationId, key, dto.connectionName ?? 'default', dto));
  }

  @Get(':key/credentials')
  @RequirePermission('connectors:read')
  @ApiOperation({ operationId: 'getCredentials', summary: 'Get the connection', description: "The organization's connection to this connector, secrets masked" })
  @ApiOkResponse({ type: ConnectionView })
  @ApiErrors(404, 424)
  async get(@CurrentPrincipal() caller: Principal, @Param('key') key: string, @Query() query: ConnectionQueryDto): Promise<ConnectionView> {
    return toConnectionView(await this.connections.get(caller.organizationId, key, query.connectionName ?? 'default'));
  }

  @Delete(':key/credentials')
  @HttpCode(204)
  @RequirePermission('credentials:manage')
  @ApiOperation({ operationId: 'deleteCredentials', summary: 'Remove credentials', description: 'Remove the connection and its stored credentials' })
  @ApiNoContentResponse()
  @ApiErrors(404)
  remove(@CurrentPrincipal() caller: Principal, @Param('key') key: string, @Query() query: ConnectionQueryDto): Promise<void> {
    return this.connections.remove(caller.organizationId, key, query.connectionName ?? 'default');
  }
}
