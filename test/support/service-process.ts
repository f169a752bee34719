import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
export const BUILT_MAIN = join(ROOT, 'dist', 'src', 'main.js');
/** Production requires a vault key ring; processes under test get a throwaway one. */
export const TEST_ENCRYPTION_KEYS = `test:${randomBytes(32).toString('base64')}`;

export interface ExitResult {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** The production build run as a real process, so boot, signals and exit codes are what operators get. */
export class ServiceProcess {
  stdout = '';
  stderr = '';
  readonly exited: Promise<ExitResult>;

  private constructor(private readonly child: ChildProcess) {
    child.stdout!.on('data', (chunk: Buffer) => (this.stdout += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  static start(env: Record<string, string | undefined>, entry = BUILT_MAIN, nodeArgs: string[] = []): ServiceProcess {
    if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first (npm test does)`);
    const clean = Object.fromEntries(Object.entries({ ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'info', NEONHUB_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS, ...env }).filter(([, v]) => v !== undefined));
    return new ServiceProcess(spawn(process.execPath, [...nodeArgs, entry], { cwd: ROOT, env: clean as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] }));
  }

  /** Runs `command` with exactly `env`, nothing inherited, the way a container runs its command. */
  static exec(command: string, args: string[], env: Record<string, string>): ServiceProcess {
    return new ServiceProcess(spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] }));
  }

  /** Resolves when a log line contains `text`; rejects if the process exits first. */
  waitForOutput(text: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.stdout.includes(text)) {
          this.child.stdout!.off('data', check);
          resolve();
        }
      };
      this.child.stdout!.on('data', check);
      check();
      void this.exited.then(({ code }) => reject(new Error(`process exited (${code}) before printing "${text}"\n${this.stdout}\n${this.stderr}`)));
    });
  }

  signal(name: NodeJS.Signals): void {
    this.child.kill(name);
  }

  async stop(): Promise<ExitResult> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    return this.exited;
  }
}
