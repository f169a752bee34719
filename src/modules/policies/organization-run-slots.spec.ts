import IORedis, { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { AppConfig } from '../../config/app-config';
import type { RedisService } from '../../infra/redis/redis.service';
import { strictDouble } from '../../../test/support/strict-double';
import type { OrganizationRunLimits } from './organization-run-limits';
import { OrganizationRunSlots } from './organization-run-slots';

const LEASE_MS = 30_000;
const config = { runs: { leaseMs: LEASE_MS } } as AppConfig;

describe(OrganizationRunSlots.name, () => {
  let redis: Redis;
  /** Fresh organization ids per test: the keys of one test never meet another's. */
  let limits: Map<string, number>;
  let clock: number;
  let sut: OrganizationRunSlots;

  const organization = (limit: number) => {
    const id = randomUUID();
    limits.set(id, limit);
    return id;
  };
  const slot = (organizationId: string, runId: string) => ({ organizationId, runId });

  beforeAll(() => {
    redis = new IORedis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
  });
  beforeEach(() => {
    limits = new Map();
    clock = 1_800_000_000_000;
    sut = new OrganizationRunSlots(
      config,
      strictDouble<RedisService>('RedisService', { client: redis }),
      strictDouble<OrganizationRunLimits>('OrganizationRunLimits', { limitOf: (id: string) => Promise.resolve(limits.get(id) ?? 4) }),
    );
    sut.now = () => clock;
  });
  afterEach(async () => {
    const keys = (await Promise.all([...limits.keys()].map((id) => redis.keys(`neonhub:org-runs:{${id}}:*`)))).flat();
    if (keys.length) await redis.del(...keys);
  });
  afterAll(async () => {
    await redis.quit();
  });

  it('should grant exactly the limit among many concurrent acquires, parking the rest', async () => {
    const org = organization(4);
    const runs = Array.from({ length: 20 }, (_, i) => `run-${String(i).padStart(2, '0')}`);

    const answers = await Promise.all(runs.map((run) => sut.acquire(slot(org, run))));

    expect(answers.filter((a) => a.granted)).toHaveLength(4);
    expect(answers.every((a) => a.limit === 4)).toBe(true);
    const { held, parked } = await sut.snapshot(org);
    expect(held).toHaveLength(4);
    expect(parked).toHaveLength(16);
    expect(new Set([...held, ...parked])).toEqual(new Set(runs));
  });

  it('should grant again to a run that already holds a slot, without taking a second one', async () => {
    const org = organization(2);
    await sut.acquire(slot(org, 'a'));

    await expect(sut.acquire(slot(org, 'a'))).resolves.toEqual({ granted: true, limit: 2 });

    await expect(sut.acquire(slot(org, 'b'))).resolves.toEqual({ granted: true, limit: 2 });
    await expect(sut.acquire(slot(org, 'c'))).resolves.toEqual({ granted: false, limit: 2 });
  });

  it('should keep a parked run its place in line when it is parked again', async () => {
    const org = organization(1);
    await sut.acquire(slot(org, 'holder'));
    await sut.acquire(slot(org, 'first'));
    clock += 10;
    await sut.acquire(slot(org, 'second'));
    clock += 10;

    await sut.acquire(slot(org, 'first'));

    expect((await sut.snapshot(org)).parked).toEqual(['first', 'second']);
  });

  it('should hand a released slot to the longest-parked run, which then holds it against newcomers', async () => {
    const org = organization(1);
    await sut.acquire(slot(org, 'holder'));
    await sut.acquire(slot(org, 'parked-first'));
    clock += 1;
    await sut.acquire(slot(org, 'parked-second'));
    clock += 1;

    const handed = await sut.release(slot(org, 'holder'));

    expect(handed).toEqual({ runIds: ['parked-first'], at: clock });
    await expect(sut.acquire(slot(org, 'newcomer'))).resolves.toEqual({ granted: false, limit: 1 });
    await expect(sut.acquire(slot(org, 'parked-first'))).resolves.toEqual({ granted: true, limit: 1 });
    expect(await sut.snapshot(org)).toEqual({ held: ['parked-first'], parked: ['parked-second', 'newcomer'] });
  });

  it('should free the slot on release when nobody is parked, and hand nothing', async () => {
    const org = organization(1);
    await sut.acquire(slot(org, 'a'));

    await expect(sut.release(slot(org, 'a'))).resolves.toEqual({ runIds: [], at: clock });

    await expect(sut.acquire(slot(org, 'b'))).resolves.toEqual({ granted: true, limit: 1 });
  });

  it("should free a crashed holder's slot one lease after its last renewal", async () => {
    const org = organization(1);
    await sut.acquire(slot(org, 'crashed'));
    clock += LEASE_MS / 2;
    await expect(sut.renew(slot(org, 'crashed'))).resolves.toBe(true);
    clock += LEASE_MS - 1;
    await expect(sut.acquire(slot(org, 'waiting'))).resolves.toEqual({ granted: false, limit: 1 });

    clock += 2;

    await expect(sut.acquire(slot(org, 'waiting'))).resolves.toEqual({ granted: true, limit: 1 });
    await expect(sut.renew(slot(org, 'crashed'))).resolves.toBe(false);
    expect(await sut.snapshot(org)).toEqual({ held: ['waiting'], parked: [] });
  });

  it('should hold each organization to its own limit, apart from the others', async () => {
    const small = organization(1);
    const large = organization(3);

    const smallAnswers = await Promise.all(['a', 'b', 'c'].map((run) => sut.acquire(slot(small, run))));
    const largeAnswers = await Promise.all(['a', 'b', 'c', 'd'].map((run) => sut.acquire(slot(large, run))));

    expect(smallAnswers.map((a) => a.granted)).toEqual([true, false, false]);
    expect(largeAnswers.map((a) => a.granted)).toEqual([true, true, true, false]);
    expect(largeAnswers[3].limit).toBe(3);
  });

  it('should hand every slot a raised limit frees to parked runs at the next release', async () => {
    const org = organization(1);
    await sut.acquire(slot(org, 'holder'));
    for (const run of ['p1', 'p2', 'p3']) await sut.acquire(slot(org, run));
    limits.set(org, 3);

    const handed = await sut.release(slot(org, 'holder'));

    expect(handed.runIds).toEqual(['p1', 'p2', 'p3']);
  });
});
