import { once } from 'node:events';
import { RedisService } from '../../src/infra/redis/redis.service';
import { createTestApp, TestApp } from '../support/app';
import { DisposableRedis } from '../support/redis-server';
import { metricValue } from '../support/worker-process';

describe('Health probes', () => {
  describe('with every dependency up', () => {
    let sut: TestApp;
    beforeAll(async () => {
      sut = await createTestApp();
    });
    afterAll(() => sut.close());

    it('should report liveness without any dependency detail', async () => {
      const res = await sut.http.get('/health/live').expect(200);
      expect(res.body).toEqual({ status: 'ok', info: {}, error: {}, details: {} });
    });

    it('should report postgres and redis up when ready', async () => {
      const res = await sut.http.get('/health/ready').expect(200);
      expect(res.body.details.postgres).toMatchObject({ status: 'up', database: 'server' });
      expect(res.body.details.redis).toMatchObject({ status: 'up' });
    });

    it('should add version and uptime to the summary', async () => {
      const res = await sut.http.get('/health').expect(200);
      expect(res.body).toMatchObject({ status: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+/), database: 'server' });
      expect(res.body.uptimeSeconds).toBeGreaterThanOrEqual(0);
    });
  });

  describe('when Redis goes away and comes back', () => {
    let redis: DisposableRedis;
    let sut: TestApp;

    beforeAll(async () => {
      redis = await DisposableRedis.create();
      await redis.start();
      sut = await createTestApp({ redisUrl: redis.url });
    });
    afterAll(async () => {
      await sut.close();
      await redis.stop();
    });

    const transitions = async () => {
      const exposition = (await sut.http.get('/metrics').expect(200)).text;
      const to = (answer: string) => metricValue(exposition, 'neonhub_readiness_transitions_total', { to: answer }) ?? 0;
      return { ready: to('ready'), unready: to('unready') };
    };

    it('should stay live, report redis down with 503, and recover without a restart, counting both readiness changes', async () => {
      const client = sut.app.get(RedisService).client;
      if (client.status !== 'ready') await once(client, 'ready');
      await sut.http.get('/health/ready').expect(200);
      const before = await transitions();

      const closed = once(client, 'close');
      await redis.stop();
      await closed;
      await sut.http.get('/health/live').expect(200);
      const down = await sut.http.get('/health/ready').expect(503);
      expect(down.body.status).toBe('error');
      expect(down.body.error.redis).toMatchObject({ status: 'down', message: expect.any(String) });
      expect(down.body.info.postgres).toMatchObject({ status: 'up' });
      expect(() => sut.app.get(RedisService).assertAvailable('async runs')).toThrow(/Redis/);

      const ready = once(client, 'ready');
      await redis.start();
      await ready;
      await sut.http.get('/health/ready').expect(200);
      await sut.http.get('/health/ready').expect(200);
      expect(await transitions()).toEqual({ ready: before.ready + 1, unready: before.unready + 1 });
    });
  });

  describe('when Redis is unreachable at boot', () => {
    let sut: TestApp;
    beforeAll(async () => {
      sut = await createTestApp({ redisUrl: 'redis://127.0.0.1:1' });
    });
    afterAll(() => sut.close());

    it('should still start and answer readiness with 503 naming redis', async () => {
      await sut.http.get('/health/live').expect(200);
      const res = await sut.http.get('/health/ready').expect(503);
      expect(Object.keys(res.body.error)).toEqual(['redis']);
    });
  });
});
