import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A pass-through TCP proxy to a real server (Postgres, Redis) that a test can cut and restore: a
 * real outage of the path between a process and its database, without stopping a server other
 * tests share. While cut, open connections are destroyed and new ones are refused at once.
 */
export class TcpProxy {
  private readonly sockets = new Set<Socket>();
  private cut = false;

  private constructor(private readonly server: Server, readonly port: number) {}

  static async start(targetHost: string, targetPort: number): Promise<TcpProxy> {
    let proxy: TcpProxy | undefined;
    const server = createServer((client) => {
      if (!proxy || proxy.cut) return void client.destroy();
      const upstream = connect(targetPort, targetHost);
      for (const [a, b] of [
        [client, upstream],
        [upstream, client],
      ]) {
        a.pipe(b);
        a.on('error', () => b.destroy());
        a.on('close', () => b.destroy());
        proxy.sockets.add(a);
        a.on('close', () => proxy!.sockets.delete(a));
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    proxy = new TcpProxy(server, (server.address() as { port: number }).port);
    return proxy;
  }

  /** The URL of `target` with its host and port replaced by this proxy's. */
  urlFor(target: string): string {
    return Object.assign(new URL(target), { hostname: '127.0.0.1', port: String(this.port) }).toString();
  }

  cutOff(): void {
    this.cut = true;
    for (const socket of this.sockets) socket.destroy();
  }

  restore(): void {
    this.cut = false;
  }

  async close(): Promise<void> {
    this.cutOff();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
