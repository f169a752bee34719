import type TestAgent from 'supertest/lib/agent';
import { bearer, createTestApp, TestApp } from '../support/app';

/**
 * The first run of an agent in an organization creates its agents row (RunsRepository.ensureAgent).
 * Two API instances receiving first runs at the same moment must both succeed: the row's
 * existence is not the client's problem.
 */
describe('First runs of an agent on two API instances', () => {
  let sut: TestApp;
  let second: TestApp;
  let instances: TestAgent[];

  beforeAll(async () => {
    sut = await createTestApp();
    second = await createTestApp({}, sut.db);
    instances = [sut.http, second.http];
    // Warm both instances (pool connections, key lookup) so the first runs meet at ensureAgent.
    await Promise.all(instances.map((http) => http.get('/v1/me').set(bearer(sut.apiKey)).expect(200)));
  });
  afterAll(async () => {
    await second.close();
    await sut.close();
  });

  it('should answer 201 to every concurrent first run, never 409 "Agent already exists"', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => instances[i % 2].post('/v1/runs').set(bearer(sut.apiKey)).send({ agent: 'echo', input: { message: `first ${i}` } })),
    );

    expect(answers.map((a) => (a.status === 201 ? 201 : `${a.status} ${a.body.message}`))).toEqual(Array(20).fill(201));
  }, 60_000);
});
