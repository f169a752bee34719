import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { EXPORT_TABLE_NAMES, NOT_EXPORTED } from '../../src/modules/governance/exports/export-tables';
import { WorkerModule } from '../../src/worker.module';
import { bearer } from '../support/app';
import { useE2eApp } from '../support/e2e-context';
import { addMember } from '../support/members';
import { OpenApiResponseValidator } from '../support/openapi-validator';
import { pollUntil } from '../support/poll';
import { DisposableRedis } from '../support/redis-server';
import { TEST_ENCRYPTION_KEYS } from '../support/service-process';
import type { Tenant } from '../support/tenants';
import { readZip } from '../support/zip-reader';

interface ExportView {
  id: string;
  status: string;
  sizeBytes: number | null;
  sha256: string | null;
  files: Array<{ table: string; file: string; rows: number; sha256: string }> | null;
}

const binary = (res: Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

/**
 * POST /v1/exports through a worker (in process, on its own Redis) to the archive downloaded and
 * opened: the organization's rows, none of another organization's, no secrets, a manifest whose
 * counts and hashes match the files; and the refusals (409 before READY, 410 once expired, 404
 * for another organization's export, 400 for an unknown table).
 */
describe('Exports', () => {
  let redis: DisposableRedis;
  const dataDir = mkdtempSync(join(tmpdir(), 'neonhub-exports-'));
  beforeAll(async () => {
    redis = await DisposableRedis.create();
    await redis.start();
  });
  let worker: INestApplicationContext | undefined;
  // Declared before the app's hooks, so it runs first: the worker lets its jobs end while the database is still there.
  afterAll(() => worker?.close());
  const sut = useE2eApp({ config: () => ({ redisUrl: redis.url, dataDir, encryptionKeys: TEST_ENCRYPTION_KEYS }) });
  let validator: OpenApiResponseValidator;
  let org: Tenant;
  let other: Tenant;
  beforeAll(async () => {
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(sut.config), { logger: false });
    await worker.init();
    validator = new OpenApiResponseValidator((await sut.http.get('/docs-json').expect(200)).body);
    [org, other] = [await sut.tenant('exports'), await sut.tenant('exports-other')];
    const connector = (await sut.sql.query("INSERT INTO connectors (key, name, kind, auth_type, updated_at) VALUES ('export_test', 'Export test', 'SLACK', 'api_key', now()) ON CONFLICT (key) DO UPDATE SET name = excluded.name RETURNING id")).rows[0].id;
    for (const [tenant, tag] of [[org, 'A'], [other, 'B']] as const) {
      await sut.sql.query("INSERT INTO campaigns (organization_id, name, goal, updated_at) VALUES ($1, $2, 'grow', now())", [tenant.organizationId, `Campaign of ${tag}`]);
      await sut.sql.query("INSERT INTO webhook_endpoints (organization_id, url, events, secret_ciphertext, updated_at) VALUES ($1, 'https://hooks.example.com', '{run.completed}', $2, now())", [tenant.organizationId, `sealed-webhook-secret-${tag}`]);
      await sut.sql.query("INSERT INTO member_invitations (organization_id, email, role, token_hash, delivered_via, expires_at) VALUES ($1, $2, 'member', $3, 'smtp', now())", [
        tenant.organizationId,
        tag === 'A' ? 'invitee@agency.test' : 'other-invitee@agency.test',
        `invitation-token-hash-${tag}`,
      ]);
      await sut.sql.query("INSERT INTO connector_auths (organization_id, connector_id, secret_ciphertext, secret_key_id, updated_at) VALUES ($1, $2, $3, 'test', now())", [tenant.organizationId, connector, `sealed-credential-${tag}`]);
    }
  });
  afterAll(async () => {
    await redis?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const request = (body: object = {}, apiKey = org.apiKey) => sut.http.post('/v1/exports').set(bearer(apiKey)).send(body);
  const read = async (id: string, apiKey = org.apiKey): Promise<ExportView> => (await sut.http.get(`/v1/exports/${id}`).set(bearer(apiKey)).expect(200)).body;
  const untilReady = (id: string) => pollUntil(() => read(id), (e) => e.status === 'READY' || e.status === 'FAILED', { what: `export ${id} to be built`, timeoutMs: 30_000 });
  const download = (id: string, apiKey = org.apiKey) => sut.http.get(`/v1/exports/${id}/download`).set(bearer(apiKey)).buffer(true).parse(binary);
  const conforms = (method: string, path: string, res: { status: number; body: unknown }) => expect(validator.errors(method, path, res.status, res.body as never)).toBeNull();

  it('should build an archive of the organization’s rows, one JSON Lines file per table with a manifest, downloadable and matching its hashes, with no secrets and nothing of another organization', async () => {
    const created = await request().expect(202);
    conforms('POST', '/v1/exports', created);
    expect(created.body).toMatchObject({ status: 'PENDING', sizeBytes: null, sha256: null, files: null });

    const ready = await untilReady(created.body.id);
    expect(ready.status).toBe('READY');
    conforms('GET', '/v1/exports/{exportId}', { status: 200, body: ready });
    const res = await download(ready.id).expect(200);

    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toContain(`neonhub-export-${ready.id}.zip`);
    const archive = res.body as Buffer;
    expect(archive.length).toBe(ready.sizeBytes);
    expect(sha256(archive)).toBe(ready.sha256);
    const files = readZip(archive);
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
    expect(manifest).toMatchObject({ format: 'neonhub-export/1', exportId: ready.id, organizationId: org.organizationId });
    expect(manifest.tables.map((t: { table: string }) => t.table)).toEqual(EXPORT_TABLE_NAMES);
    expect([...files.keys()].sort()).toEqual([...EXPORT_TABLE_NAMES.map((t) => `${t}.jsonl`), 'manifest.json'].sort());
    for (const entry of manifest.tables as Array<{ file: string; rows: number; sha256: string }>) {
      const content = files.get(entry.file)!;
      expect(sha256(content)).toBe(entry.sha256);
      expect(content.toString('utf8').split('\n').filter(Boolean)).toHaveLength(entry.rows);
    }
    const rows = (table: string) => files.get(`${table}.jsonl`)!.toString('utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rows('campaigns').map((c) => c.name)).toEqual(['Campaign of A']);
    expect(rows('organizations').map((o) => o.id)).toEqual([org.organizationId]);
    expect(rows('users').map((u) => u.id)).toEqual([org.userId]);
    expect(rows('api_keys')).toHaveLength(1);
    expect(rows('api_keys')[0]).not.toHaveProperty('key_hash');
    expect(rows('connector_auths')[0]).not.toHaveProperty('secret_ciphertext');
    expect(rows('webhook_endpoints')[0]).not.toHaveProperty('secret_ciphertext');
    const everything = [...files.values()].map((f) => f.toString('utf8')).join('\n');
    expect(rows('member_invitations').map((i) => i.email)).toEqual(['invitee@agency.test']);
    expect(rows('member_invitations')[0]).not.toHaveProperty('token_hash');
    for (const secret of [sha256(org.apiKey), 'sealed-webhook-secret-A', 'sealed-credential-A', 'invitation-token-hash-A']) expect(everything).not.toContain(secret);
    for (const foreign of [other.organizationId, other.userId, 'Campaign of B', 'sealed-credential-B']) expect(everything).not.toContain(foreign);
    const audit = await sut.sql.query("SELECT action FROM audit_logs WHERE organization_id = $1 AND target_id = $2 ORDER BY created_at", [org.organizationId, ready.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['data_export.requested', 'data_export.downloaded']);
  });

  it('should export only the tables asked for', async () => {
    const created = await request({ tables: ['campaigns', 'brands'] }).expect(202);
    const ready = await untilReady(created.body.id);

    const files = readZip((await download(ready.id).expect(200)).body as Buffer);

    expect([...files.keys()].sort()).toEqual(['brands.jsonl', 'campaigns.jsonl', 'manifest.json']);
    expect(ready.files!.map((f) => f.table)).toEqual(['brands', 'campaigns']);
  });

  it.each(['PENDING', 'RUNNING', 'FAILED'])('should answer 409 to a download while the export is %s (not ready)', async (status) => {
    const id = (await sut.sql.query('INSERT INTO data_exports (organization_id, status, updated_at) VALUES ($1, $2, now()) RETURNING id', [org.organizationId, status])).rows[0].id;

    const res = await download(id).expect(409);

    expect(JSON.parse(res.body.toString('utf8'))).toEqual({ statusCode: 409, error: 'Conflict', message: expect.stringContaining(`is ${status}, not READY`), requestId: expect.any(String) });
  });

  it('should answer 410 to a download of an expired export', async () => {
    const id = (await sut.sql.query("INSERT INTO data_exports (organization_id, status, updated_at) VALUES ($1, 'EXPIRED', now()) RETURNING id", [org.organizationId])).rows[0].id;

    const res = await download(id).expect(410);

    expect(JSON.parse(res.body.toString('utf8'))).toMatchObject({ statusCode: 410, message: expect.stringContaining('expired') });
  });

  it('should answer 404 for another organization’s export, on read and download', async () => {
    const theirs = (await request({}, other.apiKey).expect(202)).body.id;

    await sut.http.get(`/v1/exports/${theirs}`).set(bearer(org.apiKey)).expect(404);
    await download(theirs).expect(404);
    await pollUntil(() => read(theirs, other.apiKey), (e) => e.status === 'READY', { what: 'their export to be built', timeoutMs: 30_000 });
  });

  it('should accept a request without a body as an export of every table', async () => {
    const res = await sut.http.post('/v1/exports').set(bearer(org.apiKey)).expect(202);

    expect(res.body).toMatchObject({ status: 'PENDING', tables: [] });
    await untilReady(res.body.id);
  });

  it('should refuse an unknown table with a 400 naming the valid ones', async () => {
    const res = await request({ tables: ['campaigns', 'secrets'] }).expect(400);

    expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.stringContaining('each value in tables must be one of'), requestId: expect.any(String) });
  });

  it('should list the organization’s exports newest first with cursor pagination', async () => {
    const first = await sut.http.get('/v1/exports?limit=1').set(bearer(org.apiKey)).expect(200);
    conforms('GET', '/v1/exports', first);
    const second = await sut.http.get(`/v1/exports?limit=1&cursor=${first.body.nextCursor}`).set(bearer(org.apiKey)).expect(200);

    expect(first.body.items).toHaveLength(1);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    expect(new Date(second.body.items[0].createdAt) <= new Date(first.body.items[0].createdAt)).toBe(true);
  });

  it('should answer 403 to a viewer (no data:export) asking for an export, writing nothing', async () => {
    const viewer = await addMember(sut.sql, org.organizationId, 'viewer');
    const before = (await sut.sql.query('SELECT count(*)::int AS n FROM data_exports WHERE organization_id = $1', [org.organizationId])).rows[0].n;

    await request({}, viewer.apiKey).expect(403);

    expect((await sut.sql.query('SELECT count(*)::int AS n FROM data_exports WHERE organization_id = $1', [org.organizationId])).rows[0].n).toBe(before);
  });

  it('should declare the data:export permission on every exports operation', async () => {
    const { paths } = (await sut.http.get('/docs-json').expect(200)).body;

    for (const [path, method] of [['/v1/exports', 'post'], ['/v1/exports', 'get'], ['/v1/exports/{exportId}', 'get'], ['/v1/exports/{exportId}/download', 'get']]) {
      expect(paths[path][method]['x-required-permission']).toBe('data:export');
    }
  });

  it('should cover every table that holds an organization’s rows: exported, or left out with a reason', async () => {
    const tables = await sut.sql.query("SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'organization_id' ORDER BY table_name");

    const uncovered = tables.rows.map((r) => r.table_name as string).filter((t) => !EXPORT_TABLE_NAMES.includes(t) && !(t in NOT_EXPORTED));

    expect(uncovered).toEqual([]);
  });
});
