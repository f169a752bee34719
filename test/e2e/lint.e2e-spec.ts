import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '..', '..');
const ESLINT = join(ROOT, 'node_modules', '.bin', 'eslint');
const run = promisify(execFile);

interface LintResult {
  filePath: string;
  messages: Array<{ line: number; ruleId: string | null; message: string }>;
}

/** ESLint in its own process, as `npm run lint` runs it (its config is ESM, which Jest's module system does not load). */
async function lint(...targets: string[]): Promise<LintResult[]> {
  const outcome = await run(ESLINT, ['--format', 'json', ...targets], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }).catch((error: { stdout?: string }) => error);
  return JSON.parse(outcome.stdout ?? '[]') as LintResult[];
}

/** The CI's lint step, kept green by the suite the README's command runs. */
describe('ESLint', () => {
  it('should find no problem in the project', async () => {
    const problems = (await lint('.')).flatMap((r) => r.messages.map((m) => `${r.filePath.slice(ROOT.length + 1)}:${m.line} ${m.ruleId ?? ''} ${m.message}`));
    expect(problems).toEqual([]);
  }, 240_000);

  it('should report a broken file (the linter is really on)', async () => {
    const dir = mkdtempSync(join(ROOT, 'src', '.lint-probe-'));
    try {
      writeFileSync(join(dir, 'probe.ts'), 'const unused = 1;\n');
      const [result] = await lint(join(dir, 'probe.ts'));
      expect(result.messages.map((m) => m.ruleId)).toContain('@typescript-eslint/no-unused-vars');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
