import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Pool, QueryResultRow } from 'pg';

export const DATABASE_POOL = Symbol('DATABASE_POOL');

/** A Postgres error's SQLSTATE and, for constraint violations, the constraint's name. */
export interface SqlErrorFacts {
  code?: string;
  constraint?: string;
}

export function sqlErrorFacts(error: unknown): SqlErrorFacts {
  const e = error as { code?: unknown; constraint?: unknown } | null;
  return { code: typeof e?.code === 'string' ? e.code : undefined, constraint: typeof e?.constraint === 'string' ? e.constraint : undefined };
}

export const UNIQUE_VIOLATION = '23505';

/**
 * Plain SQL on the shared pool (the same pool Prisma's adapter uses), outside any CLS
 * transaction. For the few hot-path statements whose cost the profile put in Prisma's query
 * building and result decoding (see scripts/bench/profile-runs.ts); everything else uses Prisma.
 * Writes made here are durable by construction: they can never join a business transaction.
 *
 * Statements are named (prepared once per connection): after the first use the driver sends only
 * the parameters, and Postgres reuses its parse and plan. The name is the text's hash, so one
 * text always has one name. (A transaction-mode connection pooler in front of Postgres would need
 * this turned off; none is used.)
 */
@Injectable()
export class Sql {
  private readonly names = new Map<string, string>();

  constructor(@Inject(DATABASE_POOL) private readonly pool: Pool) {}

  async rows<T extends QueryResultRow>(text: string, values: unknown[]): Promise<T[]> {
    return (await this.pool.query<T>({ name: this.nameOf(text), text, values })).rows;
  }

  async maybeOne<T extends QueryResultRow>(text: string, values: unknown[]): Promise<T | null> {
    return (await this.rows<T>(text, values))[0] ?? null;
  }

  async count(text: string, values: unknown[]): Promise<number> {
    return (await this.pool.query({ name: this.nameOf(text), text, values })).rowCount ?? 0;
  }

  /**
   * An unnamed statement: planned for these very values every time, never a cached generic plan.
   * For statements whose best plan depends on the values (a search whose scope is 10 rows for one
   * tenant and 40,000 for another).
   */
  async rowsPlannedEachTime<T extends QueryResultRow>(text: string, values: unknown[]): Promise<T[]> {
    return (await this.pool.query<T>(text, values)).rows;
  }

  /**
   * A short transaction on one pooled client, for statements that need SET LOCAL settings; its
   * statements are unnamed (planned each time). Nothing else may run inside it: it holds a
   * connection (the embedded database's only one) until `work` settles.
   */
  async inShortTransaction<R>(work: (rows: <T extends QueryResultRow>(text: string, values: unknown[]) => Promise<T[]>) => Promise<R>): Promise<R> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(async <T extends QueryResultRow>(text: string, values: unknown[]) => (await client.query<T>(text, values)).rows);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private nameOf(text: string): string {
    let name = this.names.get(text);
    if (!name) this.names.set(text, (name = `nh_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`));
    return name;
  }
}
