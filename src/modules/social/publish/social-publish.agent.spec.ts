import { strictDouble, strictMock } from '../../../../test/support/strict-double';
import { ConnectorError } from '../../connectors/connector-error';
import type { AgentRunContext } from '../../agents/agent.types';
import type { PublicationOutcome } from '../persistence/social-post-outcomes.repository';
import { SocialPostOutcomesRepository } from '../persistence/social-post-outcomes.repository';
import type { PostSnapshot } from '../social-posts.tool';
import { PUBLISH_MAX_ATTEMPTS, SocialPublishAgent } from './social-publish.agent';
import type { SocialPublishInput } from './social-publish.input';

const ID = '22222222-2222-4222-8222-222222222222';
const AT = '2030-01-01T09:00:00.000Z';
const LATER = '2030-01-01T10:00:00.000Z';
const input: SocialPublishInput = { socialPostId: ID, network: 'x', text: 'Approved text.', publishAt: AT };
const snapshot = (overrides: Partial<PostSnapshot> = {}): PostSnapshot => ({ id: ID, network: 'x', status: 'SCHEDULED', body: 'Row text.', title: null, mediaUrl: null, publishAt: AT, externalId: null, campaignId: null, metrics: {}, ...overrides });

describe(SocialPublishAgent.name, () => {
  const setup = (reads: Array<PostSnapshot | null>, publish: () => Promise<unknown> = async () => ({ id: '1879', url: 'https://x.com/i/web/status/1879' }), attempt = 1) => {
    const calls: string[] = [];
    const writes: Array<() => Promise<void>> = [];
    const recorded: PublicationOutcome[] = [];
    const outcomes = strictMock<SocialPostOutcomesRepository>('SocialPostOutcomesRepository', ['recordPublication']);
    outcomes.recordPublication.mockImplementation(async (_post, outcome: PublicationOutcome) => void recorded.push(outcome));
    const sleeps: Date[] = [];
    const context = strictDouble<AgentRunContext>('context', {
      organizationId: '11111111-1111-4111-8111-111111111111',
      attempt,
      tools: {
        call: async <T>(tool: string, action: string, callInput: Record<string, unknown>): Promise<T> => {
          calls.push(`${tool}.${action}`);
          if (tool === 'social_posts') return { post: reads.shift() ?? null } as T;
          expect(callInput).toEqual({ text: 'Row text.' });
          return (await publish()) as T;
        },
      },
      sleepUntil: async (until: Date) => void sleeps.push(until),
      onCommit: (write) => void writes.push(write),
      usage: () => ({ inputTokens: 0, outputTokens: 0, costUsd: 0, unpricedCalls: 0 }),
    });
    const commit = async () => {
      for (const write of writes) await write();
      return recorded;
    };
    return { sut: new SocialPublishAgent(outcomes), context, calls, sleeps, commit };
  };

  it('should publish the post as its row stands and record the network id on commit', async () => {
    const { sut, context, calls, sleeps, commit } = setup([snapshot()]);

    const output = await sut.run(input, context);

    expect(output).toMatchObject({ status: 'PUBLISHED', externalId: '1879', externalUrl: 'https://x.com/i/web/status/1879' });
    expect(calls).toEqual(['social_posts.read', 'x.publish_post']);
    expect(sleeps).toEqual([]);
    expect(await commit()).toEqual([{ status: 'PUBLISHED', body: 'Row text.', title: null, externalId: '1879', externalUrl: 'https://x.com/i/web/status/1879' }]);
  });

  it('should sleep until a later time a person set after the run was queued, and publish the post as it reads then', async () => {
    const { sut, context, calls, sleeps } = setup([snapshot({ publishAt: LATER, body: 'stale' }), snapshot({ publishAt: LATER })]);

    await sut.run(input, context);

    expect(sleeps).toEqual([new Date(LATER)]);
    expect(calls).toEqual(['social_posts.read', 'social_posts.read', 'x.publish_post']);
  });

  it('should publish from its input when the row is not written yet (the compose run commits after)', async () => {
    const { sut, context } = setup([null], async () => ({ id: '1', url: null }));
    const fromInput = { ...input, text: 'Row text.' };

    await expect(sut.run(fromInput, context)).resolves.toMatchObject({ status: 'PUBLISHED' });
  });

  it.each(['PUBLISHED', 'REJECTED', 'FAILED'])('should skip a post that is %s, writing nothing', async (status) => {
    const { sut, context, calls, commit } = setup([snapshot({ status })]);

    await expect(sut.run(input, context)).resolves.toMatchObject({ status: 'SKIPPED' });
    expect(calls).toEqual(['social_posts.read']);
    expect(await commit()).toEqual([]);
  });

  it('should fail the post without calling the network when the row breaks its rules', async () => {
    const { sut, context, calls, commit } = setup([snapshot({ body: 'a'.repeat(281) })]);

    await expect(sut.run(input, context)).resolves.toMatchObject({ status: 'FAILED', error: 'X allows 280 weighted characters in the text; it has 281' });
    expect(calls).toEqual(['social_posts.read']);
    expect(await commit()).toEqual([{ status: 'FAILED', error: 'X allows 280 weighted characters in the text; it has 281' }]);
  });

  it('should leave a passing failure to the retry, and record it as FAILED on the last attempt', async () => {
    const limited = () => Promise.reject(new ConnectorError('RATE_LIMITED', 'x: rate limited', { requestSent: false }));

    const early = setup([snapshot()], limited, 1);
    await expect(early.sut.run(input, early.context)).rejects.toThrow('rate limited');
    expect(await early.commit()).toEqual([]);

    const last = setup([snapshot()], limited, PUBLISH_MAX_ATTEMPTS);
    await expect(last.sut.run(input, last.context)).resolves.toMatchObject({ status: 'FAILED', error: 'X did not publish it: x: rate limited' });
    expect(await last.commit()).toHaveLength(1);
  });

  it('should record a refusal at once', async () => {
    const { sut, context, commit } = setup([snapshot()], () => Promise.reject(new ConnectorError('PERMISSION_DENIED', 'x: forbidden')));

    await expect(sut.run(input, context)).resolves.toMatchObject({ status: 'FAILED' });
    expect(await commit()).toEqual([{ status: 'FAILED', error: 'X did not publish it: x: forbidden' }]);
  });
});
