/**
 * Boot figures for the README: cold start to ready (PostgreSQL server; embedded first boot;
 * embedded second boot) and idle RSS, for the production build (`npm run build` first).
 *   npm run bench:startup            (TEST_POSTGRES_URL names the server; default local)
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { applyMigrations } from '../../src/infra/database/migrations/migrator';

const ROOT = join(__dirname, '..', '..');
const SERVER = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

interface Boot {
  readyMs: number;
  idleRssMb: number;
}

async function bootToReady(env: Record<string, string>, port: number): Promise<Boot> {
  const started = performance.now();
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'main.js')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', LOG_LEVEL: 'warn', PORT: String(port), NEONHUB_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`, ...env },
    stdio: 'ignore',
  });
  try {
    // Polling is the probe's own view of readiness: what a Kubernetes readiness check would see.
    for (;;) {
      if (child.exitCode !== null) throw new Error(`service exited with ${child.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => r.ok, () => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const readyMs = performance.now() - started;
    await new Promise((r) => setTimeout(r, 3000));
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]);
    return { readyMs, idleRssMb: rssKb / 1024 };
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}

async function main(): Promise<void> {
  const dbName = `neonhub_bench_${process.pid}`;
  const admin = new Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  const dbUrl = Object.assign(new URL(SERVER), { pathname: `/${dbName}` }).toString();
  const dataDir = mkdtempSync(join(tmpdir(), 'neonhub-bench-'));
  try {
    await applyMigrations({ databaseUrl: dbUrl });
    const rows: Array<[string, Boot]> = [];
    rows.push(['PostgreSQL server', await bootToReady({ DATABASE_URL: dbUrl }, 3901)]);
    rows.push(['embedded, first boot', await bootToReady({ NEONHUB_DATA_DIR: dataDir }, 3902)]);
    rows.push(['embedded, second boot', await bootToReady({ NEONHUB_DATA_DIR: dataDir }, 3903)]);
    console.log('| database | cold start to ready | idle RSS |\n| --- | --- | --- |');
    for (const [name, b] of rows) console.log(`| ${name} | ${(b.readyMs / 1000).toFixed(2)} s | ${b.idleRssMb.toFixed(0)} MiB |`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error: Error) => {
  console.error(`bench failed: ${error.message}`);
  process.exit(1);
});
