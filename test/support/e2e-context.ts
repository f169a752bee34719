import type { Provider } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { AppConfig } from '../../src/config/app-config';
import { createTestApp, type TestApp } from './app';
import { createTenant, type Tenant } from './tenants';

export interface E2eAppOptions {
  /**
   * Config overrides; a function is called in beforeAll, after the hooks the spec declared
   * before `useE2eApp`, so it can use what they started (a fake provider's URL).
   */
  config?: Partial<AppConfig> | (() => Partial<AppConfig>);
  /** Extra providers for the app module (test agents). */
  providers?: Provider[];
}

/** The spec file's app (see TestApp), and what its tests keep reaching for. */
export interface E2eContext extends Omit<TestApp, 'close'> {
  /** A client on the app's database, connected for the whole file. */
  sql: Client;
  /** Another organization, with an admin and an API key, named `<prefix>-<random>`. */
  tenant(prefix?: string): Promise<Tenant>;
}

/**
 * The setup most e2e spec files share: beforeAll builds the full app on a migrated, seeded
 * database of its own and connects a client to it; afterAll undoes whatever of that was done
 * (a half-failed beforeAll included) and drops the database. The answer is filled in by
 * beforeAll: read it inside tests and hooks, never at the top of a describe.
 *
 * Jest runs hooks in the order they were declared, afterAll ones too: a spec that starts a fake
 * before the app declares its beforeAll above this call, and stops it in an afterAll below it.
 */
export function useE2eApp(options: E2eAppOptions = {}): E2eContext {
  let app: TestApp | undefined;
  let sql: Client | undefined;

  beforeAll(async () => {
    const config = typeof options.config === 'function' ? options.config() : options.config;
    app = await createTestApp(config, undefined, options.providers);
    const client = new Client({ connectionString: app.db.url });
    await client.connect();
    sql = client;
  });
  afterAll(async () => {
    await sql?.end();
    await app?.close();
    sql = undefined;
    app = undefined;
  });

  const ready = (): { app: TestApp; sql: Client } => {
    if (!app || !sql) throw new Error('useE2eApp: the app exists only inside tests and hooks, once its beforeAll has run');
    return { app, sql };
  };
  return {
    get app() {
      return ready().app.app;
    },
    get http() {
      return ready().app.http;
    },
    get db() {
      return ready().app.db;
    },
    get config() {
      return ready().app.config;
    },
    get apiKey() {
      return ready().app.apiKey;
    },
    get organizationId() {
      return ready().app.organizationId;
    },
    get userId() {
      return ready().app.userId;
    },
    get sql() {
      return ready().sql;
    },
    tenant: (prefix = 'tenant') => createTenant(ready().sql, `${prefix}-${randomBytes(4).toString('hex')}`),
  };
}
