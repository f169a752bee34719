import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import { PrismaService } from '../../../infra/prisma/prisma.service';
import { encodeCursor, type RunCursor } from '../../../common/validation/page-cursor';

/** An endpoint as the API shows it: no secret, not even sealed. */
export interface WebhookEndpointRecord {
  id: string;
  url: string;
  events: string[];
  description: string | null;
  enabled: boolean;
  disabledReason: string | null;
  consecutiveFailures: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface EndpointChanges {
  url?: string;
  events?: string[];
  description?: string | null;
  enabled?: boolean;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const ENDPOINT_FIELDS = { id: true, url: true, events: true, description: true, enabled: true, disabledReason: true, consecutiveFailures: true, createdAt: true, updatedAt: true } as const;

/** Every statement is restricted to the caller's organization: another organization's endpoint is not found. */
@Injectable()
export class WebhookEndpointsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterPrisma<PrismaService>>) {}

  private get tx() {
    return this.txHost.tx;
  }

  create(organizationId: string, id: string, fields: { url: string; events: string[]; description: string | null; secretCiphertext: string }): Promise<WebhookEndpointRecord> {
    return this.tx.webhookEndpoint.create({ data: { id, organizationId, ...fields }, select: ENDPOINT_FIELDS });
  }

  find(organizationId: string, id: string): Promise<WebhookEndpointRecord | null> {
    return this.tx.webhookEndpoint.findFirst({ where: { id, organizationId }, select: ENDPOINT_FIELDS });
  }

  /** Newest first. */
  async list(organizationId: string, limit: number, after?: RunCursor): Promise<Page<WebhookEndpointRecord>> {
    const rows = await this.tx.webhookEndpoint.findMany({
      where: { organizationId, ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}) },
      select: ENDPOINT_FIELDS,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit + 1,
    });
    return pageOf(rows, limit);
  }

  /**
   * Null when the endpoint is not the organization's. Turning an endpoint on clears why it was
   * turned off and starts its failure count afresh; turning it off by hand says so.
   */
  async update(organizationId: string, id: string, changes: EndpointChanges): Promise<WebhookEndpointRecord | null> {
    const switched = changes.enabled === undefined ? {} : changes.enabled ? { disabledReason: null, consecutiveFailures: 0 } : { disabledReason: 'disabled by a user' };
    const { count } = await this.tx.webhookEndpoint.updateMany({ where: { id, organizationId }, data: { ...changes, ...switched } });
    return count === 0 ? null : this.find(organizationId, id);
  }

  /** Its deliveries go with it (ON DELETE CASCADE). Returns the rows deleted: 0 or 1. */
  async delete(organizationId: string, id: string): Promise<number> {
    return (await this.tx.webhookEndpoint.deleteMany({ where: { id, organizationId } })).count;
  }
}

/** `rows` were fetched with `take: limit + 1`: the extra row only says another page exists. */
export function pageOf<T extends { createdAt: Date; id: string }>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null };
}
