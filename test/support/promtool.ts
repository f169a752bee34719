import { spawnSync } from 'node:child_process';

const PROMTOOL = process.env.PROMTOOL ?? 'promtool';

/** Runs promtool (scripts/install-promtool.sh installs it; PROMTOOL points elsewhere) and returns its verdict. */
export function promtool(...args: string[]): { status: number | null; output: string } {
  const result = spawnSync(PROMTOOL, args, { encoding: 'utf8', timeout: 60_000 });
  if (result.error) throw new Error(`${PROMTOOL} cannot be run (${result.error.message}): run scripts/install-promtool.sh or point PROMTOOL at it`);
  return { status: result.status, output: `${result.stdout}${result.stderr}`.trim() };
}
