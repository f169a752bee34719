import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { NotFoundError } from '../../common/errors/domain-errors';
import { decodeCursor } from '../orchestration/run-cursor';
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

/** Registering, reading, changing and removing an organization's webhook endpoints. */
@Injectable()
export class WebhookEndpoints {
  constructor(
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly secrets: WebhookSecrets,
    private readonly urls: WebhookUrlPolicy,
    private readonly subscriptions: WebhookSubscriptions,
  ) {}

  /** The secret is answered here once; only its sealed form is stored. */
  async create(organizationId: string, input: NewEndpoint): Promise<{ endpoint: WebhookEndpointRecord; secret: string }> {
    const url = await this.urls.check(input.url);
    // The id is chosen here so the sealed secret can be bound to it before the row exists.
    const id = randomUUID();
    const secret = newWebhookSecret();
    const endpoint = await this.endpoints.create(organizationId, id, {
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
    const updated = (await this.endpoints.update(organizationId, id, checked)) ?? notFound(id);
    await this.subscriptions.changed(organizationId);
    return updated;
  }

  async delete(organizationId: string, id: string): Promise<void> {
    if ((await this.endpoints.delete(organizationId, id)) === 0) notFound(id);
    await this.subscriptions.changed(organizationId);
  }
}

function distinct(events: string[]): string[] {
  return [...new Set(events)];
}

function notFound(id: string): never {
  throw new NotFoundError('webhook', id);
}
