import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import { PageQuery } from '../../common/validation/page.query';
import type { Principal } from '../api-keys/api-keys.service';
import { Authenticated, CurrentPrincipal } from '../auth/authenticated.decorator';
import { toDeliveryResponse, WebhookDeliveryPage, WebhookDeliveryResponse } from './dto/delivery.dto';
import { CreatedWebhookResponse, CreateWebhookDto, toWebhookResponse, UpdateWebhookDto, WebhookPage, WebhookResponse } from './dto/webhook.dto';
import { WebhookDeliveries } from './webhook-deliveries';
import { WebhookEndpoints } from './webhook-endpoints';
import { RequirePermission } from '../auth/permissions/require-permission.decorator';

const WEBHOOK_ID = new ParseUUIDPipe();

@ApiTags('webhooks')
@Authenticated()
@Controller('v1/webhooks')
export class WebhooksController {
  constructor(private readonly endpoints: WebhookEndpoints, private readonly deliveries: WebhookDeliveries) {}

  @Post()
  @RequirePermission('webhooks:manage')
  @ApiOperation({
    operationId: 'createWebhook',
    summary: 'Register a webhook endpoint',
    description: "Run events of the organization are POSTed to the URL, signed per Standard Webhooks. The answer holds the signing secret: it is shown this once.",
  })
  @ApiCreatedResponse({ type: CreatedWebhookResponse })
  @ApiErrors(400)
  async create(@CurrentPrincipal() caller: Principal, @Body() dto: CreateWebhookDto): Promise<CreatedWebhookResponse> {
    const { endpoint, secret } = await this.endpoints.create(caller.organizationId, dto);
    return { ...toWebhookResponse(endpoint), secret };
  }

  @Get()
  @RequirePermission('webhooks:read')
  @ApiOperation({ operationId: 'listWebhooks', summary: 'List webhook endpoints', description: "The organization's endpoints, newest first, with cursor pagination" })
  @ApiOkResponse({ type: WebhookPage })
  @ApiErrors(400)
  async list(@CurrentPrincipal() caller: Principal, @Query() query: PageQuery): Promise<WebhookPage> {
    const page = await this.endpoints.list(caller.organizationId, query);
    return { items: page.items.map(toWebhookResponse), nextCursor: page.nextCursor };
  }

  @Get(':webhookId')
  @RequirePermission('webhooks:read')
  @ApiOperation({ operationId: 'getWebhook', summary: 'Get a webhook endpoint', description: 'One endpoint, with whether it is enabled and why not' })
  @ApiOkResponse({ type: WebhookResponse })
  @ApiErrors(400, 404)
  async get(@CurrentPrincipal() caller: Principal, @Param('webhookId', WEBHOOK_ID) id: string): Promise<WebhookResponse> {
    return toWebhookResponse(await this.endpoints.get(caller.organizationId, id));
  }

  @Patch(':webhookId')
  @RequirePermission('webhooks:manage')
  @ApiOperation({ operationId: 'updateWebhook', summary: 'Update a webhook endpoint', description: 'Change the fields sent; enabled=true turns a disabled endpoint back on and resets its failure count' })
  @ApiOkResponse({ type: WebhookResponse })
  @ApiErrors(400, 404)
  async update(@CurrentPrincipal() caller: Principal, @Param('webhookId', WEBHOOK_ID) id: string, @Body() dto: UpdateWebhookDto): Promise<WebhookResponse> {
    return toWebhookResponse(await this.endpoints.update(caller.organizationId, id, dto));
  }

  @Delete(':webhookId')
  @HttpCode(204)
  @RequirePermission('webhooks:manage')
  @ApiOperation({ operationId: 'deleteWebhook', summary: 'Delete a webhook endpoint', description: 'Delete an endpoint with its delivery log' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400, 404)
  delete(@CurrentPrincipal() caller: Principal, @Param('webhookId', WEBHOOK_ID) id: string): Promise<void> {
    return this.endpoints.delete(caller.organizationId, id);
  }

  @Get(':webhookId/deliveries')
  @RequirePermission('webhooks:read')
  @ApiOperation({ operationId: 'listWebhookDeliveries', summary: "List an endpoint's deliveries", description: 'Newest first, with status, attempts, the next attempt time and the last answer; cursor pagination' })
  @ApiOkResponse({ type: WebhookDeliveryPage })
  @ApiErrors(400, 404)
  async listDeliveries(@CurrentPrincipal() caller: Principal, @Param('webhookId', WEBHOOK_ID) id: string, @Query() query: PageQuery): Promise<WebhookDeliveryPage> {
    const page = await this.deliveries.list(caller.organizationId, id, query);
    return { items: page.items.map(toDeliveryResponse), nextCursor: page.nextCursor };
  }

  @Post(':webhookId/deliveries/:deliveryId/retry')
  @HttpCode(202)
  @RequirePermission('webhooks:manage')
  @ApiOperation({
    operationId: 'retryWebhookDelivery',
    summary: 'Send a delivery again now',
    description: 'A FAILED or PENDING delivery is attempted again at once, with the same webhook-id; 409 when it already succeeded or the endpoint is disabled',
  })
  @ApiAcceptedResponse({ type: WebhookDeliveryResponse })
  @ApiErrors(400, 404, 409, 503)
  async retry(
    @CurrentPrincipal() caller: Principal,
    @Param('webhookId', WEBHOOK_ID) id: string,
    @Param('deliveryId', new ParseUUIDPipe()) deliveryId: string,
  ): Promise<WebhookDeliveryResponse> {
    return toDeliveryResponse(await this.deliveries.retry(caller.organizationId, id, deliveryId));
  }
}
