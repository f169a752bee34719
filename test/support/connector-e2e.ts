import { Client } from 'pg';
import { loadConfig, type AppConfig } from '../../src/config/app-config';
import type { ConnectorsConfig } from '../../src/config/connectors-config';
import type { INestApplication } from '@nestjs/common';
import { ConnectorRegistry } from '../../src/modules/connectors/connector-registry';
import { connectMockConnectors } from '../../src/modules/connectors/vault/mock-connections';
import { Vault } from '../../src/modules/connectors/vault/vault';
import { PrismaService } from '../../src/infra/prisma/prisma.service';
import { bearer, type TestApp } from './app';

/**
 * Config overrides for connector specs: the connector settings merged onto what the environment
 * gives (nothing, in e2e), and a run rate limit high enough that a spec's many direct invocations
 * by one user never meet the per-user run limiter, which is not what these specs test.
 */
export function connectorOverrides(connectors: Partial<ConnectorsConfig> = {}): Partial<AppConfig> {
  const base = loadConfig();
  return {
    runs: { ...base.runs, rateLimitPerMinute: 100_000 },
    connectors: { ...base.connectors, ...connectors },
  };
}

/** POST /v1/connectors/:key/actions/:action as `apiKey` (the seeded admin's by default). */
export function invoke(sut: Pick<TestApp, 'http' | 'apiKey'>, key: string, action: string, input: object, apiKey = sut.apiKey) {
  return sut.http.post(`/v1/connectors/${key}/actions/${action}`).set(bearer(apiKey)).send(input);
}

/** One sample of a Prometheus counter from /metrics text; 0 when the series does not exist yet. */
export function metricValue(metricsText: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of metricsText.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)\{([^}]*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = match[2].split(',');
    if (wanted.every((pair) => present.includes(pair))) return Number(match[3]);
  }
  return 0;
}

/** Every column of every row of a table as text: what a database dump would show. */
export async function dumpTable(databaseUrl: string, table: string): Promise<string> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM ${table} t`);
    return rows.map((r) => r.row).join('\n');
  } finally {
    await db.end();
  }
}

/** A count from a query on the spec's database. */
export async function countRows(databaseUrl: string, sql: string, params: unknown[] = []): Promise<number> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ n: string }>(sql, params);
    return Number(rows[0].n);
  } finally {
    await db.end();
  }
}

/**
 * Connects an organization (a tenant made in a spec) to every connector the app runs as a mock,
 * the way the seed connects the demo organization: a mock refuses an unconnected organization
 * with NOT_CONNECTED, like the real provider.
 */
export async function connectMocks(sut: { app: INestApplication }, organizationId: string): Promise<void> {
  const mocks = sut.app.get(ConnectorRegistry).enabled().filter((p) => p.mode === 'mock').map((p) => p.manifest);
  await connectMockConnectors(sut.app.get(PrismaService), sut.app.get(Vault).ring, organizationId, mocks);
}
