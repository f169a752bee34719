import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import { PrismaService } from '../../../infra/prisma/prisma.service';
import type { RunCursor } from '../../../common/validation/page-cursor';
import { pageOf, type Page } from './webhook-endpoints.repository';

export interface WebhookDeliveryRecord {
  id: string;
  endpointId: string;
  eventId: bigint | null;
  eventType: string;
  payload: unknown;
  status: 'PENDING' | 'SUCCEEDED' | 'FAILED';
  attempts: number;
  nextAttemptAt: Date | null;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

const DELIVERY_FIELDS = {
  id: true,
  endpointId: true,
  eventId: true,
  eventType: true,
  payload: true,
  status: true,
  attempts: true,
  nextAttemptAt: true,
  lastStatusCode: true,
  lastError: true,
  deliveredAt: true,
  createdAt: true,
} as const;

/** An endpoint's deliveries, read and retried within the caller's organization. */
@Injectable()
export class WebhookDeliveriesRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterPrisma<PrismaService>>) {}

  private get tx() {
    return this.txHost.tx;
  }

  /** Newest first. */
  async list(organizationId: string, endpointId: string, limit: number, after?: RunCursor): Promise<Page<WebhookDeliveryRecord>> {
    const rows = await this.tx.webhookDelivery.findMany({
      where: { organizationId, endpointId, ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}) },
      select: DELIVERY_FIELDS,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit + 1,
    });
    return pageOf(rows, limit);
  }

  find(organizationId: string, endpointId: string, id: string): Promise<WebhookDeliveryRecord | null> {
    return this.tx.webhookDelivery.findFirst({ where: { id, organizationId, endpointId }, select: DELIVERY_FIELDS });
  }

  /** PENDING and due now, unless it already SUCCEEDED (then null); the attempts made stay counted. */
  async dueNow(organizationId: string, endpointId: string, id: string): Promise<WebhookDeliveryRecord | null> {
    const { count } = await this.tx.webhookDelivery.updateMany({
      where: { id, organizationId, endpointId, status: { not: 'SUCCEEDED' } },
      data: { status: 'PENDING', nextAttemptAt: new Date() },
    });
    return count === 0 ? null : this.find(organizationId, endpointId, id);
  }
}
