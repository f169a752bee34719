import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { Client } from 'pg';
import { parse } from 'yaml';
import { ComposeFile, ComposeService, composeSchemaErrors, interpolate, localRunOf, LocalRewrites, readComposeFile } from '../support/compose';
import { createTestDatabase, TEST_SERVER_URL, TestDatabase } from '../support/database';
import { dropTestRoles, testRoleSuffix } from '../support/db-script';
import { freePort } from '../support/redis-server';
import { ServiceProcess } from '../support/service-process';
import { WORKER_READY } from '../support/worker-process';

const ROOT = join(__dirname, '..', '..');
const API_LISTENING = 'NeonHub API listening';
const SEEDED_KEY = /API key \(shown only now\): (nh_[A-Za-z0-9_-]+)/;
const DONE = 'service_completed_successfully';
const ROLES = { migrate: 'neonhub_migrate', app: 'neonhub_app', readonly: 'neonhub_readonly' };
const ACCOUNT_VARIABLES = ['DATABASE_URL', 'DATABASE_URL_MIGRATE', 'DATABASE_URL_ADMIN'];

describe('docker-compose.yml', () => {
  const compose = readComposeFile() as ComposeFile;
  const services = compose.services;
  const env = (name: string) => Object.fromEntries(Object.entries(services[name].environment ?? {}).map(([k, v]) => [k, interpolate(String(v), {})]));
  /** The database account (user, password) a service's variable connects with, defaults applied. */
  const account = (name: string, variable: string) => {
    const url = new URL(env(name)[variable]);
    return { user: decodeURIComponent(url.username), password: decodeURIComponent(url.password), host: url.host };
  };
  const dependsOn = (name: string): string[] => Object.keys(services[name].depends_on ?? {});
  const allDependencies = (name: string): Set<string> => new Set(dependsOn(name).flatMap((d) => [d, ...allDependencies(d)]));
  const mounts = (service: ComposeService) => (service.volumes ?? []).map((v) => v.split(':')).map(([source, target]) => ({ source, target }));

  it('should be valid under the Compose specification schema', () => {
    expect(composeSchemaErrors(compose)).toEqual([]);
  });

  it('should give api and worker their own data volumes but one shared volume for export archives (the worker writes them, the api serves them)', () => {
    const dataDir = (name: string) => env(name).NEONHUB_DATA_DIR ?? '/app/.data';
    const volumeAt = (name: string, target: string) => mounts(services[name]).find((m) => m.target === target)?.source;
    expect(volumeAt('api', dataDir('api'))).not.toBe(volumeAt('worker', dataDir('worker')));
    expect(volumeAt('api', `${dataDir('api')}/exports`)).toBeDefined();
    expect(volumeAt('api', `${dataDir('api')}/exports`)).toBe(volumeAt('worker', `${dataDir('worker')}/exports`));
  });

  it('should start nothing before the services it depends on exist', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const dependency of Object.keys(service.depends_on ?? {})) expect(`${name} -> ${dependency in services ? 'ok' : dependency}`).toBe(`${name} -> ok`);
    }
  });

  it('should run the one-shot steps in order, each only after the one before succeeded: roles, migrate, seed, then api and worker', () => {
    const condition = (name: string, dependency: string) => `${name} waits for ${dependency}: ${services[name].depends_on?.[dependency]?.condition}`;

    expect(condition('migrate', 'roles')).toBe(`migrate waits for roles: ${DONE}`);
    expect(condition('seed', 'migrate')).toBe(`seed waits for migrate: ${DONE}`);
    expect(condition('seed', 'init')).toBe(`seed waits for init: ${DONE}`);
    for (const name of ['api', 'worker']) {
      expect(condition(name, 'seed')).toBe(`${name} waits for seed: ${DONE}`);
      expect([...allDependencies(name)].sort()).toEqual(['init', 'migrate', 'postgres', 'redis', 'roles', 'seed']);
    }
  });

  it('should run only npm scripts package.json has: db:roles, db:migrate and db:seed in their steps', () => {
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    const npmScripts = Object.entries(services)
      .filter(([, s]) => s.command?.[0] === 'npm')
      .map(([name, s]) => [name, s.command!.filter((arg, i) => i > 1 && !arg.startsWith('-'))] as const);

    expect(Object.fromEntries(npmScripts)).toEqual({ roles: ['db:roles'], migrate: ['db:migrate'], seed: ['db:seed'] });
    for (const [name, [script]] of npmScripts) expect(`${name}: ${script} ${script in scripts ? 'exists' : 'is missing from package.json'}`).toBe(`${name}: ${script} exists`);
  });

  it('should create the roles with the administrative account and migrate as neonhub_migrate, with the passwords roles set', () => {
    const postgres = env('postgres');
    const roles = env('roles');

    expect(account('roles', 'DATABASE_URL_ADMIN')).toEqual({ user: postgres.POSTGRES_USER, password: postgres.POSTGRES_PASSWORD, host: 'postgres:5432' });
    expect(account('migrate', 'DATABASE_URL_MIGRATE')).toEqual({ user: ROLES.migrate, password: roles.NEONHUB_MIGRATE_DB_PASSWORD, host: 'postgres:5432' });
    expect(Object.keys(env('migrate')).filter((k) => ACCOUNT_VARIABLES.includes(k))).toEqual(['DATABASE_URL_MIGRATE']);
    expect(roles.NEONHUB_READONLY_DB_PASSWORD).toEqual(expect.any(String));
  });

  it.each(['seed', 'api', 'worker'])('should connect %s as neonhub_app only, never with the administrative or the migration account', (name) => {
    const values = Object.values(services[name].environment ?? {}).map(String);

    expect(account(name, 'DATABASE_URL')).toEqual({ user: ROLES.app, password: env('roles').NEONHUB_APP_DB_PASSWORD, host: 'postgres:5432' });
    expect(Object.keys(env(name)).filter((k) => ACCOUNT_VARIABLES.includes(k))).toEqual(['DATABASE_URL']);
    expect(values.filter((v) => /POSTGRES_PASSWORD|NEONHUB_MIGRATE_DB_PASSWORD|neonhub_migrate|\/\/postgres[:@]/.test(v))).toEqual([]);
  });

  it('should mount only configuration files that exist in the repository', () => {
    const local = Object.values(services).flatMap((s) => mounts(s).filter((m) => m.source.startsWith('./')));

    expect(local.length).toBeGreaterThanOrEqual(4);
    expect(local.filter((m) => !existsSync(join(ROOT, m.source))).map((m) => m.source)).toEqual([]);
  });

  it.each([
    ['api', 'PORT'],
    ['worker', 'WORKER_PORT'],
  ])('should probe %s health on /health/ready at its own port', (name, portVariable) => {
    const test = services[name].healthcheck?.test.join(' ') ?? '';

    expect(test).toContain(`http://127.0.0.1:${env(name)[portVariable]}/health/ready`);
  });

  it('should run a Prometheus that scrapes the api and worker ports with a configuration promtool accepts', () => {
    const prometheus = services.prometheus;
    const config = parse(readFileSync(join(ROOT, 'config/prometheus/prometheus.yml'), 'utf8')) as {
      scrape_configs: { job_name: string; metrics_path: string; static_configs: { targets: string[] }[] }[];
    };
    const targets = config.scrape_configs.flatMap((job) => job.static_configs.flatMap((s) => s.targets.map((t) => `${job.metrics_path} ${t}`)));
    const check = spawnSync(process.env.PROMTOOL ?? 'promtool', ['check', 'config', join(ROOT, 'config/prometheus/prometheus.yml')], { encoding: 'utf8' });

    expect(prometheus?.volumes).toContain('./config/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro');
    expect(targets.sort()).toEqual([`/metrics api:${services.api.environment?.PORT}`, `/metrics worker:${services.worker.environment?.WORKER_PORT}`]);
    expect({ status: check.status, error: check.error?.message, output: `${check.stdout}${check.stderr}` }).toMatchObject({ status: 0, error: undefined });
  });

  it("should mount every rule file prometheus.yml loads where Prometheus looks for it, from the repository's copy", () => {
    const { rule_files: ruleFiles = [] } = parse(readFileSync(join(ROOT, 'config/prometheus/prometheus.yml'), 'utf8')) as { rule_files?: string[] };
    const mounted = new Map(mounts(services.prometheus).map((m) => [m.target, m.source]));

    expect(ruleFiles.length).toBeGreaterThan(0);
    for (const file of ruleFiles) expect(mounted.get(posix.resolve('/etc/prometheus', file))).toBe(`./config/prometheus/${file}`);
  });

  it('should give Grafana its provisioning and the dashboards where the provider reads them', () => {
    const provider = parse(readFileSync(join(ROOT, 'config/grafana/provisioning/dashboards/neonhub.yml'), 'utf8')) as { providers: { options: { path: string } }[] };
    const mounted = new Map(mounts(services.grafana).map((m) => [m.target, m.source]));

    expect(mounted.get('/etc/grafana/provisioning')).toBe('./config/grafana/provisioning');
    expect(provider.providers.map((p) => mounted.get(p.options.path))).toEqual(['./config/grafana/dashboards']);
    expect(dependsOn('grafana')).toContain('prometheus');
    const home = env('grafana').GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH;
    expect(existsSync(join(ROOT, home.replace(posix.dirname(home), mounted.get(posix.dirname(home)) ?? 'unmounted')))).toBe(true);
  });

  describe('its services, run locally with their compose environment', () => {
    let db: TestDatabase;
    let volumes: Record<string, string>;
    const processes: ServiceProcess[] = [];
    const redis = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    const server = new URL(TEST_SERVER_URL);
    // Roles belong to the whole server, which other test runs share: these carry a suffix of their own.
    const suffix = testRoleSuffix();
    const users = Object.fromEntries(Object.values(ROLES).map((role) => [role, role + suffix]));
    const rewrites = (variables: Record<string, string> = {}): LocalRewrites => ({
      volumes,
      hosts: { redis: redis.host, postgres: server.host },
      users,
      // The database is this test's own (a fresh one, as a first `docker compose up` has).
      databases: { [env('postgres').POSTGRES_DB]: db.name },
      variables,
    });
    const run = (name: string, variables: Record<string, string> = {}) => {
      const { command, args, env: local } = localRunOf(compose, name, rewrites(variables));
      const service = ServiceProcess.exec(command, args, local);
      processes.push(service);
      return service;
    };
    const succeeded = async (service: ServiceProcess) => {
      const exited = await service.exited;
      return { ...exited, stderr: exited.code === 0 ? '' : `${service.stdout}${service.stderr}` };
    };

    beforeAll(async () => {
      db = await createTestDatabase();
      volumes = Object.fromEntries(Object.keys(compose.volumes ?? {}).map((name) => [name, mkdtempSync(join(tmpdir(), `neonhub-${name}-`))]));
    });
    afterAll(async () => {
      await Promise.all(processes.splice(0).map((p) => p.stop()));
      for (const dir of Object.values(volumes ?? {})) rmSync(dir, { recursive: true, force: true });
      await db.drop();
      await dropTestRoles(suffix);
    });

    it('should come up from an empty database: init, roles, migrate, seed printing a usable key, then a ready api and worker as neonhub_app', async () => {
      const init = run('init');
      expect(await init.exited).toEqual({ code: 0, signal: null });
      expect(init.stdout).toContain('created a vault key ring');
      const initAgain = run('init');
      expect(await initAgain.exited).toEqual({ code: 0, signal: null });
      expect(initAgain.stdout).toContain('left as it is');

      // The test server's own administrator stands in for the compose one (a CI server checks its password).
      expect(await succeeded(run('roles', { NEONHUB_DB_ROLE_SUFFIX: suffix, DATABASE_URL_ADMIN: db.url }))).toEqual({ code: 0, signal: null, stderr: '' });
      expect(await succeeded(run('migrate'))).toEqual({ code: 0, signal: null, stderr: '' });
      const seed = run('seed');
      expect(await succeeded(seed)).toEqual({ code: 0, signal: null, stderr: '' });
      const apiKey = SEEDED_KEY.exec(seed.stdout)?.[1];
      expect(apiKey).toBeDefined();

      const apiPort = String(await freePort());
      const workerPort = String(await freePort());
      const api = run('api', { PORT: apiPort });
      const worker = run('worker', { WORKER_PORT: workerPort });
      await Promise.all([api.waitForOutput(API_LISTENING), worker.waitForOutput(WORKER_READY)]);

      expect((await fetch(`http://127.0.0.1:${apiPort}/health/ready`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${workerPort}/health/ready`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${apiPort}/v1/me`, { headers: { authorization: `Bearer ${apiKey}` } })).status).toBe(200);
      // The containers' own health probes, pointed at the local ports.
      for (const [name, from, to] of [['api', ':3000/', `:${apiPort}/`], ['worker', ':3001/', `:${workerPort}/`]] as const) {
        const [, command, ...args] = services[name].healthcheck!.test;
        expect(spawnSync(command, args.map((a) => a.replace(from, to)), { timeout: 10_000 }).status).toBe(0);
      }
      const admin = new Client({ connectionString: db.url });
      await admin.connect();
      const sessions = await admin.query<{ usename: string }>('SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [db.name]);
      await admin.end();
      expect(sessions.rows.map((r) => r.usename)).toEqual([ROLES.app + suffix]);
    }, 180_000);
  });
});
