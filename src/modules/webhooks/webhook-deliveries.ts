import { Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError } from '../../common/errors/domain-errors';
import { RedisService } from '../../infra/redis/redis.service';
import { decodeCursor } from '../../common/validation/page-cursor';
import { WebhookQueue } from './delivery/webhook-queue';
import { WebhookDeliveriesRepository, type WebhookDeliveryRecord } from './persistence/webhook-deliveries.repository';
import type { Page } from './persistence/webhook-endpoints.repository';
import { WebhookEndpointsRepository } from './persistence/webhook-endpoints.repository';
import { DEFAULT_PAGE_SIZE } from './webhook-endpoints';

/** An endpoint's delivery log, and sending one of its deliveries again. */
@Injectable()
export class WebhookDeliveries {
  constructor(
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly queue: WebhookQueue,
    private readonly redis: RedisService,
  ) {}

  async list(organizationId: string, endpointId: string, query: { limit?: number; cursor?: string }): Promise<Page<WebhookDeliveryRecord>> {
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    await this.endpointOf(organizationId, endpointId);
    return this.deliveries.list(organizationId, endpointId, query.limit ?? DEFAULT_PAGE_SIZE, after);
  }

  /**
   * A FAILED or PENDING delivery sent again now, as its next attempt (with the same webhook-id);
   * should that attempt fail, a PENDING one goes on with its retry schedule and a FAILED one stays
   * FAILED. One that SUCCEEDED is 409, as is any delivery of a disabled endpoint (enable it first).
   */
  async retry(organizationId: string, endpointId: string, deliveryId: string): Promise<WebhookDeliveryRecord> {
    // A clear 503 before anything is written, rather than a delivery marked due that no job will send.
    this.redis.assertAvailable('webhook delivery');
    const endpoint = await this.endpointOf(organizationId, endpointId);
    const existing = await this.deliveries.find(organizationId, endpointId, deliveryId);
    if (!existing) throw new NotFoundError('webhook delivery', deliveryId);
    if (existing.status === 'SUCCEEDED') throw new ConflictError(`webhook delivery ${deliveryId} already succeeded`);
    if (!endpoint.enabled) throw new ConflictError(`webhook ${endpointId} is disabled (${endpoint.disabledReason ?? 'by a user'}); enable it first`);
    const due = await this.deliveries.dueNow(organizationId, endpointId, deliveryId);
    if (!due) throw new ConflictError(`webhook delivery ${deliveryId} already succeeded`);
    await this.queue.ensureQueued(due.id, due.attempts, { now: true });
    return due;
  }

  private async endpointOf(organizationId: string, endpointId: string) {
    const endpoint = await this.endpoints.find(organizationId, endpointId);
    if (!endpoint) throw new NotFoundError('webhook', endpointId);
    return endpoint;
  }
}
