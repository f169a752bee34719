import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadWorkflows, runStep, stepNamed } from '../support/workflows';

/**
 * The shell steps of the database workflows that decide something, run as the runner runs them,
 * with npm and sleep replaced by recorders: retries, refusals and guards behave as their comments say.
 */
const workflows = loadWorkflows();
const deploy = workflows['db-deploy.yml']!.workflow;
const backup = workflows['db-backup.yml']!.workflow;
const restore = workflows['db-restore.yml']!.workflow;

describe('database workflow steps', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'neonhub-wf-steps-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('db-deploy: migrations', () => {
    const migrate = (npmCodes: number[]) => runStep(stepNamed(deploy, /db:migrate/), { env: { DATABASE_URL_MIGRATE: 'postgresql://unused' }, npmCodes });

    it('should try again after 10 s and 20 s and succeed on the third attempt', async () => {
      expect(await migrate([1, 1, 0])).toMatchObject({ code: 0, calls: ['npm run db:migrate', 'sleep 10', 'npm run db:migrate', 'sleep 20', 'npm run db:migrate'] });
    });

    it('should give up with the failure after four attempts', async () => {
      const { code, calls } = await migrate([1, 1, 1, 1, 0]);
      expect({ code, calls }).toEqual({ code: 1, calls: ['npm run db:migrate', 'sleep 10', 'npm run db:migrate', 'sleep 20', 'npm run db:migrate', 'sleep 40', 'npm run db:migrate'] });
    });

    it('should not retry a refusal (any exit code but 1)', async () => {
      expect(await migrate([2, 0])).toMatchObject({ code: 2, calls: ['npm run db:migrate'] });
    });
  });

  describe('db-deploy: seed', () => {
    const seed = stepNamed(deploy, /db:seed/);

    it('should refuse to seed without SEED_API_KEY, which would print a generated key in the log', async () => {
      const { code, calls, stdout } = await runStep(seed, { env: { SEED_API_KEY: '' } });
      expect({ code, calls }).toEqual({ code: 1, calls: [] });
      expect(stdout).toMatch(/^::error .*SEED_API_KEY/m);
    });

    it('should seed when the key is given', async () => {
      expect(await runStep(seed, { env: { SEED_API_KEY: 'nh_given' } })).toMatchObject({ code: 0, calls: ['npm run db:seed'] });
    });
  });

  describe('db-backup', () => {
    it('should refuse to go on without NEONHUB_BACKUP_KEY, so no clear dump becomes an artifact', async () => {
      const guard = stepNamed(backup, /encryption key/);
      expect(await runStep(guard, { env: { NEONHUB_BACKUP_KEY: '' } })).toMatchObject({ code: 1 });
      expect(await runStep(guard, { env: { NEONHUB_BACKUP_KEY: 'a-key' } })).toMatchObject({ code: 0 });
    });

    it('should name the encrypted dump by environment and time, and the artifact by environment and run', async () => {
      const output = join(dir, 'output');
      writeFileSync(output, '');
      const { code } = await runStep(stepNamed(backup, /Name the dump/), { env: { ENVIRONMENT: 'production', GITHUB_RUN_ID: '4242', GITHUB_OUTPUT: output } });
      expect({ code, output: readFileSync(output, 'utf8') }).toEqual({
        code: 0,
        output: expect.stringMatching(/^file=backups\/neonhub-production-\d{8}T\d{6}Z\.dump\.enc\nartifact=db-backup-production-4242\n$/),
      });
    });

    it('should hand the chosen file to db:backup', async () => {
      expect(await runStep(stepNamed(backup, /db:backup/), { env: { BACKUP_FILE: 'backups/x.dump.enc' } })).toMatchObject({ code: 0, calls: ['npm run db:backup -- --out backups/x.dump.enc'] });
    });
  });

  describe('db-restore', () => {
    const env = { DATABASE: 'neonhub_restored', CLEAN: 'false' };
    const artifact = (...files: string[]) => {
      mkdirSync(join(dir, 'backups'));
      for (const file of files) writeFileSync(join(dir, 'backups', file), 'x');
    };

    it('should stop unless the confirmation repeats the target', async () => {
      const confirm = stepNamed(restore, /confirmation/);
      expect(await runStep(confirm, { env: { TARGET: 'production', CONFIRM: 'staging' } })).toMatchObject({ code: 1 });
      expect(await runStep(confirm, { env: { TARGET: 'production', CONFIRM: 'production' } })).toMatchObject({ code: 0 });
    });

    it('should restore the one dump of the artifact into the named database, with the roles', async () => {
      artifact('neonhub-production-20261130T013700Z.dump.enc', 'neonhub-production-20261130T013700Z.dump.enc.sha256');
      expect(await runStep(stepNamed(restore, /db:restore/), { env, cwd: dir })).toMatchObject({
        code: 0,
        calls: ['npm run db:restore -- backups/neonhub-production-20261130T013700Z.dump.enc --target neonhub_restored --with-roles'],
      });
    });

    it('should pass --clean only when asked', async () => {
      artifact('a.dump.enc', 'a.dump.enc.sha256');
      const { calls } = await runStep(stepNamed(restore, /db:restore/), { env: { ...env, CLEAN: 'true' }, cwd: dir });
      expect(calls).toEqual(['npm run db:restore -- backups/a.dump.enc --target neonhub_restored --with-roles --clean']);
    });

    it.each([[['a.dump.enc', 'b.dump.enc']], [['a.dump.enc.sha256']]])('should refuse an artifact holding %j', async (files) => {
      artifact(...files);
      expect(await runStep(stepNamed(restore, /db:restore/), { env, cwd: dir })).toMatchObject({ code: 1, calls: [] });
    });
  });
});
