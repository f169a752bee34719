import { Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { randomUUID } from 'node:crypto';
import { NotFoundError } from '../../common/errors/domain-errors';
import type { Prisma } from '../../generated/prisma/client';
import { AuditService } from '../audit/audit.service';
import { decodeCursor } from '../../common/validation/page-cursor';
import { newWebhookSecret } from './delivery/signing';
import { WebhookEndpointsRepository, type EndpointChanges, type Page, type WebhookEndpointRecord } from './persistence/webhook-endpoints.repository';
import { WebhookSecrets } from './webhook-secrets';
import { WebhookUrlPolicy } from './webhook-url-policy';
import { WebhookSubscriptions } from './delivery/webhook-subscriptions';

export const DEFAULT_PAGE_SIZE = 20;

export interface NewEndpoint {
  url: string;
  events: string[];
  description?: string | null;
}

/**
 * Registering, reading, changing and removing an organization's webhook endpoints. Each change
 * and its audit entry (the endpoint's settings before and after) are one transaction; the URL
 * check (DNS) comes before it and the change notice to other processes after it.
 */
@Injectable()
export class WebhookEndpoints {
  constructor(
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly secrets: WebhookSecrets,
    private readonly urls: WebhookUrlPolicy,
    private readonly subscriptions: WebhookSubscriptions,
    private readonly audit: AuditService,
  ) {}

  /** The secret is answered here once; only its sealed form is stored. */
  async create(organizationId: string, input: NewEndpoint): Promise<{ endpoint: WebhookEndpointRecord; secret: string }> {
    const url = await this.urls.check(input.url);
    // The id is chosen here so the sealed secret can be bound to it before the row exists.
    const id = randomUUID();
    const secret = newWebhookSecret();
    const endpoint = await this.store(organizationId, id, {
      url,
      events: distinct(input.events),
      description: input.description ?? null,
      secretCiphertext: this.secrets.seal(organizationId, id, secret),
    });
    await this.subscriptions.changed(organizationId);
    return { endpoint, secret };
  }

  list(organizationId: string, query: { limit?: number; cursor?: string }): Promise<Page<WebhookEndpointRecord>> {
    return this.endpoints.list(organizationId, query.limit ?? DEFAULT_PAGE_SIZE, query.cursor ? decodeCursor(query.cursor) : undefined);
  }

  async get(organizationId: string, id: string): Promise<WebhookEndpointRecord> {
    return (await this.endpoints.find(organizationId, id)) ?? notFound(id);
  }

  async update(organizationId: string, id: string, changes: EndpointChanges): Promise<WebhookEndpointRecord> {
    const checked: EndpointChanges = { ...changes };
    if (changes.url !== undefined) checked.url = await this.urls.check(changes.url);
    if (changes.events !== undefined) checked.events = distinct(changes.events);
    const updated = await this.change(organizationId, id, checked);
    await this.subscriptions.changed(organizationId);
    return updated;
  }

  async delete(organizationId: string, id: string): Promise<void> {
    await this.remove(organizationId, id);
    await this.subscriptions.changed(organizationId);
  }

  @Transactional()
  private async store(organizationId: string, id: string, fields: { url: string; events: string[]; description: string | null; secretCiphertext: string }): Promise<WebhookEndpointRecord> {
    const endpoint = await this.endpoints.create(organizationId, id, fields);
    await this.audit.record({ organizationId, action: 'webhook.created', targetType: 'webhook_endpoint', targetId: id, after: settingsOf(endpoint) });
    return endpoint;
  }

  @Transactional()
  private async change(organizationId: string, id: string, changes: EndpointChanges): Promise<WebhookEndpointRecord> {
    const current = (await this.endpoints.find(organizationId, id)) ?? notFound(id);
    const updated = (await this.endpoints.update(organizationId, id, changes)) ?? notFound(id);
    const [before, after] = [settingsOf(current), settingsOf(updated)];
    const fields = Object.keys(after).filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
    await this.audit.record({ organizationId, action: 'webhook.updated', targetType: 'webhook_endpoint', targetId: id, metadata: { fields }, before: pick(before, fields), after: pick(after, fields) });
    return updated;
  }

  @Transactional()
  private async remove(organizationId: string, id: string): Promise<void> {
    const current = (await this.endpoints.find(organizationId, id)) ?? notFound(id);
    if ((await this.endpoints.delete(organizationId, id)) === 0) notFound(id);
    await this.audit.record({ organizationId, action: 'webhook.deleted', targetType: 'webhook_endpoint', targetId: id, before: settingsOf(current) });
  }
}

/** An endpoint's settings as the audit keeps them: the URL without credentials or query (where receivers put tokens). */
function settingsOf(endpoint: WebhookEndpointRecord): Record<string, Prisma.InputJsonValue | null> {
  const url = new URL(endpoint.url);
  return { url: `${url.origin}${url.pathname}`, events: endpoint.events, description: endpoint.description, enabled: endpoint.enabled };
}

function pick(values: Record<string, Prisma.InputJsonValue | null>, fields: string[]): Prisma.InputJsonObject {
  return Object.fromEntries(fields.map((field) => [field, values[field]]));
}

function distinct(events: string[]): string[] {
  return [...new Set(events)];
}

function notFound(id: string): never {
  throw new NotFoundError('webhook', id);
}
