import { ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { RedisNode } from '../../src/config/redis-config';
import { pollUntil } from './poll';
import { freePort } from './redis-server';

const run = promisify(execFile);
const HOST = '127.0.0.1';

/**
 * A throwaway Redis Cluster of three masters (no replicas) on free ports, its files in a temporary
 * directory: started, joined with `redis-cli --cluster create`, and ready once every node reports
 * cluster_state:ok. `stop` kills the servers and removes the directory.
 */
export class DisposableRedisCluster {
  private readonly processes: ChildProcess[] = [];

  private constructor(
    readonly nodes: RedisNode[],
    private readonly busPorts: number[],
    private readonly dir: string,
  ) {}

  static async create(masters = 3): Promise<DisposableRedisCluster> {
    // Each node needs a port and a cluster bus port; both are chosen free rather than port + 10000.
    const ports: number[] = [];
    while (ports.length < masters * 2) {
      const port = await freePort();
      if (!ports.includes(port)) ports.push(port);
    }
    const nodes = ports.slice(0, masters).map((port) => ({ host: HOST, port }));
    return new DisposableRedisCluster(nodes, ports.slice(masters), await mkdtemp(join(tmpdir(), 'neonhub-redis-cluster-')));
  }

  /** host:port,... as REDIS_CLUSTER_NODES takes it. */
  get nodesVariable(): string {
    return this.nodes.map(({ host, port }) => `${host}:${port}`).join(',');
  }

  async start(): Promise<void> {
    await Promise.all(this.nodes.map((node, i) => this.startNode(node.port, this.busPorts[i])));
    const addresses = this.nodes.map(({ host, port }) => `${host}:${port}`);
    await run('redis-cli', ['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes'], { timeout: 20_000 });
    await this.untilEveryNodeIsOk();
  }

  /** Kills one node's server (a master crashing); the others notice after the node timeout (2 s). */
  async kill(index: number): Promise<void> {
    const child = this.processes[index];
    child.kill('SIGKILL');
    if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.processes.map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGKILL');
        await once(child, 'exit');
      }),
    );
    await rm(this.dir, { recursive: true, force: true });
  }

  private async startNode(port: number, busPort: number): Promise<void> {
    const args = ['--port', String(port), '--cluster-port', String(busPort), '--bind', HOST, '--cluster-enabled', 'yes'];
    args.push('--cluster-config-file', `nodes-${port}.conf`, '--cluster-node-timeout', '2000', '--save', '', '--appendonly', 'no', '--dir', this.dir);
    const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'inherit'] });
    this.processes.push(child);
    let output = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`redis-server on ${port} exited with ${code}: ${output}`)));
    });
    child.stdout!.resume();
  }

  /** The nodes learn of each other's slots by gossip: each must see the whole map before a client is pointed at it. */
  private async untilEveryNodeIsOk(): Promise<void> {
    const states = () => Promise.all(this.nodes.map(async ({ port }) => /cluster_state:(\w+)/.exec((await run('redis-cli', ['-p', String(port), 'cluster', 'info'])).stdout)?.[1]));
    await pollUntil(states, (all) => all.every((state) => state === 'ok'), { timeoutMs: 15_000, what: 'every cluster node to report cluster_state:ok' });
  }
}
