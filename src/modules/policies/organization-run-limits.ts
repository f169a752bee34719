import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app-config';
import { Sql } from '../../infra/database/sql';

/** How long a limit read from the database is trusted: a change applies within this, without a restart. */
export const LIMIT_CACHE_MS = 10_000;

const LIMIT_SQL = `SELECT "max_concurrent_runs" AS "limit" FROM "organizations" WHERE "id" = $1::uuid`;

/**
 * How many async runs an organization may execute at once: its own `max_concurrent_runs`, else
 * the deployment's default. Asked once per job, so it is cached briefly; concurrent first asks
 * for one organization share one query.
 */
@Injectable()
export class OrganizationRunLimits {
  private readonly cache = new Map<string, { at: number; limit: Promise<number> }>();
  /** Replaced by tests that step through the cache's lifetime. */
  now: () => number = Date.now;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, private readonly sql: Sql) {}

  limitOf(organizationId: string): Promise<number> {
    const cached = this.cache.get(organizationId);
    if (cached && this.now() - cached.at < LIMIT_CACHE_MS) return cached.limit;
    const entry = { at: this.now(), limit: this.read(organizationId) };
    this.cache.set(organizationId, entry);
    // A failed read is not remembered: the next job asks again.
    entry.limit.catch(() => this.cache.get(organizationId) === entry && this.cache.delete(organizationId));
    return entry.limit;
  }

  private async read(organizationId: string): Promise<number> {
    const row = await this.sql.maybeOne<{ limit: number | null }>(LIMIT_SQL, [organizationId]);
    // At least one: a zero would park every run of the organization with nothing left to wake them.
    return Math.max(1, row?.limit ?? this.config.runs.maxConcurrentPerOrganization);
  }
}
