import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiErrors } from '../../../common/openapi/api-errors.decorator';
import type { Principal } from '../../api-keys/api-keys.service';
import { Authenticated, CurrentPrincipal } from '../../auth/authenticated.decorator';
import { CreateSuppressionDto, ListSuppressionsQuery, SuppressionPageView, SuppressionView, toSuppressionView } from './suppression.dto';
import { SuppressionsService } from './suppressions.service';
import { RequirePermission } from '../../auth/permissions/require-permission.decorator';

@ApiTags('audience')
@Authenticated()
@Controller('v1/suppressions')
export class SuppressionsController {
  constructor(private readonly suppressions: SuppressionsService) {}

  @Post()
  @RequirePermission('audience:write')
  @ApiOperation({
    operationId: 'createSuppression',
    summary: 'Suppress an address',
    description: 'No message of the organization goes to this address on this channel any more (sends already approved included: each checks right before sending). Idempotent: an address already suppressed answers 200 with its suppression, its first reason kept.',
  })
  @ApiCreatedResponse({ type: SuppressionView, description: 'Suppressed now' })
  @ApiOkResponse({ type: SuppressionView, description: 'Already suppressed' })
  @ApiErrors(400)
  async create(@CurrentPrincipal() caller: Principal, @Body() dto: CreateSuppressionDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<SuppressionView> {
    const { suppression, created } = await this.suppressions.add(caller.organizationId, { channel: dto.channel, address: dto.address, reason: dto.reason ?? 'MANUAL', source: dto.source ?? 'api' });
    void reply.status(created ? 201 : 200);
    return toSuppressionView(suppression);
  }

  @Get()
  @RequirePermission('audience:read')
  @ApiOperation({ operationId: 'listSuppressions', summary: 'List suppressions', description: "The organization's suppressed addresses, newest first, with cursor pagination" })
  @ApiOkResponse({ type: SuppressionPageView })
  @ApiErrors(400)
  async list(@CurrentPrincipal() caller: Principal, @Query() query: ListSuppressionsQuery): Promise<SuppressionPageView> {
    const { limit, cursor, ...filter } = query;
    const page = await this.suppressions.list(caller.organizationId, filter, { limit, cursor });
    return { items: page.items.map(toSuppressionView), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @RequirePermission('audience:read')
  @ApiOperation({ operationId: 'getSuppression', summary: 'Get a suppression', description: 'One suppressed address of the organization' })
  @ApiOkResponse({ type: SuppressionView })
  @ApiErrors(400, 404)
  async get(@CurrentPrincipal() caller: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<SuppressionView> {
    return toSuppressionView(await this.suppressions.get(caller.organizationId, id));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('audience:write')
  @ApiOperation({ operationId: 'deleteSuppression', summary: 'Lift a suppression', description: 'The address may be sent to again on that channel' })
  @ApiNoContentResponse({ description: 'Lifted' })
  @ApiErrors(400, 404)
  delete(@CurrentPrincipal() caller: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.suppressions.remove(caller.organizationId, id);
  }
}
