import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../config/app-config';
import { createFastifyAdapter } from './fastify-adapter';

/** The client address every per-address policy (the failed-authentication limit) reads: request.ip. */
async function clientAddress(env: NodeJS.ProcessEnv, remoteAddress: string, forwardedFor?: string): Promise<string> {
  const fastify = createFastifyAdapter(loadConfig(env)).getInstance() as unknown as FastifyInstance;
  fastify.get('/ip', (request) => ({ ip: request.ip }));
  try {
    const res = await fastify.inject({ method: 'GET', url: '/ip', remoteAddress, headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} });
    return (res.json() as { ip: string }).ip;
  } finally {
    await fastify.close();
  }
}

describe(createFastifyAdapter.name, () => {
  it('should take the socket address and ignore X-Forwarded-For by default', async () => {
    await expect(clientAddress({}, '198.51.100.7', '203.0.113.9')).resolves.toBe('198.51.100.7');
  });

  it('should believe X-Forwarded-For from a proxy TRUST_PROXY names', async () => {
    await expect(clientAddress({ TRUST_PROXY: '10.0.0.0/8' }, '10.1.2.3', '203.0.113.9')).resolves.toBe('203.0.113.9');
  });

  it('should not believe X-Forwarded-For from a peer TRUST_PROXY does not name', async () => {
    await expect(clientAddress({ TRUST_PROXY: '10.0.0.0/8' }, '198.51.100.7', '203.0.113.9')).resolves.toBe('198.51.100.7');
  });

  it('should believe only the last hop a TRUST_PROXY of 1 allows', async () => {
    await expect(clientAddress({ TRUST_PROXY: '1' }, '10.1.2.3', '192.0.2.1, 203.0.113.9')).resolves.toBe('203.0.113.9');
  });
});
