import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ComposeFile, composeSchemaErrors, localRunOf, LocalRewrites, readComposeFile } from '../support/compose';
import { createTestDatabase, TestDatabase } from '../support/database';
import { freePort } from '../support/redis-server';
import { ServiceProcess } from '../support/service-process';
import { WORKER_READY } from '../support/worker-process';

const ROOT = join(__dirname, '..', '..');
const API_LISTENING = 'NeonHub API listening';
const SEEDED_KEY = /API key \(shown only now\): (nh_[A-Za-z0-9_-]+)/;

describe('docker-compose.yml', () => {
  const compose = readComposeFile() as ComposeFile;

  it('should be valid under the Compose specification schema', () => {
    expect(composeSchemaErrors(compose)).toEqual([]);
  });

  it('should start nothing before the services it depends on exist', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const dependency of Object.keys(service.depends_on ?? {})) expect(`${name} -> ${dependency in compose.services ? 'ok' : dependency}`).toBe(`${name} -> ok`);
    }
  });

  it('should run a Prometheus that scrapes the api and worker ports with a configuration promtool accepts', () => {
    const prometheus = compose.services.prometheus;
    const config = parse(readFileSync(join(ROOT, 'config/prometheus/prometheus.yml'), 'utf8')) as {
      scrape_configs: { job_name: string; metrics_path: string; static_configs: { targets: string[] }[] }[];
    };
    const targets = config.scrape_configs.flatMap((job) => job.static_configs.flatMap((s) => s.targets.map((t) => `${job.metrics_path} ${t}`)));
    const check = spawnSync(process.env.PROMTOOL ?? 'promtool', ['check', 'config', join(ROOT, 'config/prometheus/prometheus.yml')], { encoding: 'utf8' });

    expect(prometheus?.volumes).toContain('./config/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro');
    expect(targets.sort()).toEqual([`/metrics api:${compose.services.api.environment?.PORT}`, `/metrics worker:${compose.services.worker.environment?.WORKER_PORT}`]);
    expect({ status: check.status, error: check.error?.message, output: `${check.stdout}${check.stderr}` }).toMatchObject({ status: 0, error: undefined });
  });

  describe('its services, run locally with their compose environment', () => {
    let db: TestDatabase;
    let volumes: Record<string, string>;
    const processes: ServiceProcess[] = [];
    const redis = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    const rewrites = (variables: Record<string, string> = {}): LocalRewrites => ({
      volumes,
      hosts: { redis: redis.host },
      // The database is this test's own (a fresh one, as a first `docker compose up` has).
      variables: { ...variables, ...(variables.DATABASE_URL === undefined ? {} : { DATABASE_URL: db.url }) },
    });
    const run = (name: string, variables: Record<string, string> = {}) => {
      const { command, args, env } = localRunOf(compose, name, rewrites(variables));
      const service = ServiceProcess.exec(command, args, env);
      processes.push(service);
      return service;
    };

    beforeAll(async () => {
      db = await createTestDatabase();
      volumes = Object.fromEntries(Object.keys(compose.volumes ?? {}).map((name) => [name, mkdtempSync(join(tmpdir(), `neonhub-${name}-`))]));
    });
    afterAll(async () => {
      await Promise.all(processes.splice(0).map((p) => p.stop()));
      for (const dir of Object.values(volumes ?? {})) rmSync(dir, { recursive: true, force: true });
      await db.drop();
    });

    it('should come up from an empty database: init, migrate printing a usable key, then a ready api and worker', async () => {
      const init = run('init');
      expect(await init.exited).toEqual({ code: 0, signal: null });
      expect(init.stdout).toContain('created a vault key ring');
      const initAgain = run('init');
      expect(await initAgain.exited).toEqual({ code: 0, signal: null });
      expect(initAgain.stdout).toContain('left as it is');

      const migrate = run('migrate', { DATABASE_URL: '' });
      const migrated = await migrate.exited;
      expect({ ...migrated, stderr: migrated.code === 0 ? '' : migrate.stderr }).toEqual({ code: 0, signal: null, stderr: '' });
      const apiKey = SEEDED_KEY.exec(migrate.stdout)?.[1];
      expect(apiKey).toBeDefined();

      const apiPort = String(await freePort());
      const workerPort = String(await freePort());
      const api = run('api', { DATABASE_URL: '', PORT: apiPort });
      const worker = run('worker', { DATABASE_URL: '', WORKER_PORT: workerPort });
      await Promise.all([api.waitForOutput(API_LISTENING), worker.waitForOutput(WORKER_READY)]);

      expect((await fetch(`http://127.0.0.1:${apiPort}/health/ready`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${workerPort}/health/ready`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${apiPort}/v1/me`, { headers: { authorization: `Bearer ${apiKey}` } })).status).toBe(200);
      // The containers' own health probes, pointed at the local ports.
      for (const [name, from, to] of [['api', ':3000/', `:${apiPort}/`], ['worker', ':3001/', `:${workerPort}/`]] as const) {
        const [, command, ...args] = compose.services[name].healthcheck!.test;
        expect(spawnSync(command, args.map((a) => a.replace(from, to)), { timeout: 10_000 }).status).toBe(0);
      }
    }, 120_000);
  });
});
