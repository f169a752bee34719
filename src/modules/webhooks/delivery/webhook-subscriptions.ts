import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { RedisClient } from '../../../infra/redis/redis-client';
import { PinoLogger } from 'nestjs-pino';
import { Sql } from '../../../infra/database/sql';
import { RedisService } from '../../../infra/redis/redis.service';
import { WEBHOOK_SQL } from '../persistence/webhook-sql';
import { redisChannels } from '../../../infra/redis/redis-keys';

const CHANNEL = redisChannels.webhooksChanged;
/** How long an organization's subscribed event types are trusted without a change notice. */
const TRUST_MS = 30_000;

/**
 * Which event types an organization's enabled endpoints subscribe to, cached per process, so a
 * run event of an organization without webhooks (most of them) costs no database statement: the
 * fan-out used to spend one round trip on every run's final event (bench:runs). A change of an
 * endpoint clears the entry here at once and in every other process through Redis pub/sub; a
 * notice lost while Redis was away is covered by the entry's age limit, and an event that
 * slipped through meanwhile by the sweeper's catch-up (WebhookSweeper), so nothing is lost.
 */
@Injectable()
export class WebhookSubscriptions implements OnModuleInit, OnApplicationShutdown {
  private readonly byOrganization = new Map<string, { types: Set<string>; at: number }>();
  private subscriber?: RedisClient;

  constructor(private readonly sql: Sql, private readonly redis: RedisService, private readonly logger: PinoLogger) {
    logger.setContext(WebhookSubscriptions.name);
  }

  onModuleInit(): void {
    this.subscriber = this.redis.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null });
    this.subscriber.on('error', () => undefined);
    this.subscriber.on('message', (_channel: string, organizationId: string) => this.byOrganization.delete(organizationId));
    // Notices missed while reconnecting: trust nothing cached before the connection came back.
    this.subscriber.on('ready', () => this.byOrganization.clear());
    void this.subscriber.subscribe(CHANNEL).catch(() => undefined);
  }

  async includes(organizationId: string, type: string): Promise<boolean> {
    const cached = this.byOrganization.get(organizationId);
    if (cached && Date.now() - cached.at < TRUST_MS) return cached.types.has(type);
    const rows = await this.sql.rows<{ type: string }>(WEBHOOK_SQL.subscribedTypes, [organizationId]);
    const types = new Set(rows.map((row) => row.type));
    this.byOrganization.set(organizationId, { types, at: Date.now() });
    return types.has(type);
  }

  /** After an endpoint of the organization was created, changed or removed. */
  async changed(organizationId: string): Promise<void> {
    this.byOrganization.delete(organizationId);
    await this.redis.client.publish(CHANNEL, organizationId).catch((error: Error) => this.logger.warn({ organizationId, reason: error.message }, 'webhook change notice not sent; other processes notice within their cache age'));
  }

  onApplicationShutdown(): void {
    this.subscriber?.disconnect();
  }
}
