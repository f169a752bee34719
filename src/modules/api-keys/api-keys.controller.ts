import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import { Authenticated, CurrentPermissions, CurrentPrincipal } from '../auth/authenticated.decorator';
import type { Permission } from '../auth/permissions/permissions';
import { ApiKeysService, Principal } from './api-keys.service';
import { ApiKeyResponse, CreateApiKeyDto, CreatedApiKeyResponse, toApiKeyResponse } from './dto/api-key.dto';
import { RequirePermission } from '../auth/permissions/require-permission.decorator';

@ApiTags('api-keys')
@Authenticated()
@Controller('v1/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Get()
  @RequirePermission('api-keys:manage')
  @ApiOperation({ operationId: 'listApiKeys', summary: 'List API keys', description: "List the caller's own API keys (never the keys themselves)" })
  @ApiOkResponse({ type: [ApiKeyResponse] })
  async list(@CurrentPrincipal() caller: Principal): Promise<ApiKeyResponse[]> {
    return (await this.keys.list(caller)).map(toApiKeyResponse);
  }

  @Post()
  @RequirePermission('api-keys:manage')
  @ApiOperation({ operationId: 'createApiKey', summary: 'Create an API key', description: 'Create an API key for the caller, optionally narrowed to some of the calling key\'s permissions; the key is shown once, in this response' })
  @ApiCreatedResponse({ type: CreatedApiKeyResponse })
  @ApiErrors(400)
  async create(@CurrentPrincipal() caller: Principal, @CurrentPermissions() held: readonly Permission[], @Body() dto: CreateApiKeyDto): Promise<CreatedApiKeyResponse> {
    const { key, plaintext } = await this.keys.create(caller, dto.name, dto.permissions, held);
    return { ...toApiKeyResponse(key), key: plaintext };
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('api-keys:manage')
  @ApiOperation({ operationId: 'revokeApiKey', summary: 'Revoke an API key', description: "Revoke one of the caller's API keys; it stops working immediately" })
  @ApiNoContentResponse({ description: 'Revoked (or already revoked)' })
  @ApiErrors(400, 404)
  revoke(@CurrentPrincipal() caller: Principal, @Param('id', new ParseUUIDPipe({ version: undefined })) id: string): Promise<void> {
    return this.keys.revoke(caller, id);
  }
}
