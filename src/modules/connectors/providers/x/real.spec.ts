import { callContext, realProviderDeps } from '../../../../../test/support/fakes/real-provider-deps';
import { X_FAKE_POST, X_FAKE_TOKEN, X_FAKE_USER_ID, XFake, xProblem, xRateLimited } from '../../../../../test/support/fakes/x-fake';
import type { ConnectorError } from '../../connector-error';
import type { RealActions } from '../../connector-definition';
import { xReal } from './real';
import { resetDelayMs } from './x-errors';

const context = (overrides: Parameters<typeof callContext>[0] = {}) => callContext({ secrets: { accessToken: X_FAKE_TOKEN }, ...overrides });
const failure = (promise: Promise<unknown>) => promise.then(() => Promise.reject(new Error('expected a failure')), (error: unknown) => error as ConnectorError);

describe(xReal.name, () => {
  const fake = new XFake();
  let sut: RealActions;
  /** Gives up after 300 ms, for the slow-answer tests only: a cold first request may take that long. */
  let impatient: RealActions;

  beforeAll(async () => {
    const baseUrl = await fake.start();
    sut = xReal(realProviderDeps(baseUrl, 'x', { timeoutMs: 5_000 }));
    impatient = xReal(realProviderDeps(baseUrl, 'x', { timeoutMs: 300 }));
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.stop());

  it('should publish with the user token as a bearer and a JSON body, and link the new post', async () => {
    const output = await sut.publish_post({ text: 'Spring is here', replyToPostId: X_FAKE_POST, quotePostId: '42' }, context());

    const [request] = fake.requests;
    expect([request.method, request.path, request.headers.authorization, request.headers['content-type']]).toEqual(['POST', '/2/tweets', `Bearer ${X_FAKE_TOKEN}`, 'application/json']);
    expect(JSON.parse(request.rawBody)).toEqual({ text: 'Spring is here', reply: { in_reply_to_tweet_id: X_FAKE_POST }, quote_tweet_id: '42' });
    expect(output).toEqual({ id: '1879012345678901235', text: 'Spring is here', url: 'https://x.com/i/web/status/1879012345678901235' });
  });

  it('should send only the text for a plain post', async () => {
    await sut.publish_post({ text: 'Just the text' }, context());

    expect(JSON.parse(fake.requests[0].rawBody)).toEqual({ text: 'Just the text' });
  });

  it('should ask for public_metrics and map them', async () => {
    const output = await sut.get_post_metrics({ postId: X_FAKE_POST }, context());

    expect(fake.requests[0].path).toBe(`/2/tweets/${X_FAKE_POST}`);
    expect(fake.requests[0].query.get('tweet.fields')).toBe('created_at,public_metrics');
    expect(output).toEqual({ id: X_FAKE_POST, createdAt: '2025-01-14T09:30:00.000Z', metrics: { impressions: 1_840, likes: 52, reposts: 9, replies: 4, quotes: 1, bookmarks: 6 } });
  });

  it('should answer NOT_FOUND for a post X reports missing inside a 200', async () => {
    await expect(failure(sut.get_post_metrics({ postId: '1' }, context()))).resolves.toMatchObject({ category: 'NOT_FOUND', details: { providerStatus: 200 } });
  });

  it("should find the account through /2/users/me and read its timeline without replies and reposts", async () => {
    const output = (await sut.list_recent_posts({ maxResults: 5 }, context())) as { posts: unknown[]; resultCount: number };

    expect(fake.requests.map((r) => r.path)).toEqual(['/2/users/me', `/2/users/${X_FAKE_USER_ID}/tweets`]);
    expect(Object.fromEntries(fake.requests[1].query)).toEqual({ max_results: '5', 'tweet.fields': 'created_at,public_metrics', exclude: 'replies,retweets' });
    expect(output.resultCount).toBe(5);
    expect(output.posts[0]).toEqual({ id: X_FAKE_POST, text: 'Post number 0 about the spring collection', createdAt: '2025-01-14T09:30:00.000Z', metrics: expect.objectContaining({ likes: 52 }) });
  });

  it('should use a stored user id, and answer an empty timeline with no posts', async () => {
    const output = await sut.list_recent_posts({ excludeReplies: false, excludeReposts: false }, context({ metadata: { userId: '7' } }));

    expect(fake.requests.map((r) => r.path)).toEqual(['/2/users/7/tweets']);
    expect(fake.requests[0].query.has('exclude')).toBe(false);
    expect(output).toEqual({ posts: [], resultCount: 0 });
  });

  it('should answer 429 as RATE_LIMITED, waiting until x-rate-limit-reset', async () => {
    const reset = Math.floor(Date.now() / 1000) + 60;
    fake.server.enqueue(xRateLimited(reset));

    const before = Date.now();
    const error = await failure(sut.get_post_metrics({ postId: X_FAKE_POST }, context()));
    const after = Date.now();

    expect(error).toMatchObject({ category: 'RATE_LIMITED', retryable: true, details: { providerStatus: 429 } });
    // Measured from whenever the answer was read, which lies between `before` and `after`.
    expect(error.details.retryAfterMs).toBeGreaterThanOrEqual(reset * 1000 - after);
    expect(error.details.retryAfterMs).toBeLessThanOrEqual(reset * 1000 - before);
    expect(fake.requests).toHaveLength(1);
  });

  it('should read x-rate-limit-reset as epoch seconds, never as a delay', () => {
    const now = Date.UTC(2025, 0, 14, 9, 30);

    expect(resetDelayMs(new Headers({ 'x-rate-limit-reset': String(now / 1000 + 90) }), now)).toBe(90_000);
    expect(resetDelayMs(new Headers({ 'x-rate-limit-reset': String(now / 1000 - 5) }), now)).toBe(0);
    expect(resetDelayMs(new Headers(), now)).toBeUndefined();
  });

  it('should fall back to Retry-After (seconds or a date) when X sends it instead', async () => {
    fake.server.enqueue({ status: 429, headers: { 'retry-after': '15' }, body: { title: 'Too Many Requests', type: 'about:blank', status: 429 } });
    await expect(failure(sut.publish_post({ text: 'hello' }, context()))).resolves.toMatchObject({ category: 'RATE_LIMITED', details: { retryAfterMs: 15_000 } });

    const at = new Date(Math.ceil(Date.now() / 1000) * 1000 + 20_000);
    fake.server.enqueue({ status: 429, headers: { 'retry-after': at.toUTCString() }, body: { title: 'Too Many Requests', type: 'about:blank', status: 429 } });
    const before = Date.now();
    const dated = await failure(sut.publish_post({ text: 'hello' }, context()));
    const after = Date.now();
    expect(dated.details.retryAfterMs).toBeGreaterThanOrEqual(at.getTime() - after);
    expect(dated.details.retryAfterMs).toBeLessThanOrEqual(at.getTime() - before);
  });

  it('should answer the monthly cap as QUOTA_EXCEEDED, which waiting does not fix', async () => {
    fake.server.enqueue({ ...xProblem(429, 'usage-capped', 'Usage cap exceeded: Monthly product cap'), headers: { 'x-rate-limit-reset': '1' } });

    await expect(failure(sut.publish_post({ text: 'capped' }, context()))).resolves.toMatchObject({ category: 'QUOTA_EXCEEDED', retryable: false });
  });

  it('should retry a read after a 5xx', async () => {
    fake.server.enqueue(xProblem(503, 'about:blank', 'Service Unavailable'));

    await expect(sut.get_post_metrics({ postId: X_FAKE_POST }, context())).resolves.toMatchObject({ id: X_FAKE_POST });
    expect(fake.requests).toHaveLength(2);
  });

  it('should not retry a post after a 5xx: it may have been published', async () => {
    fake.server.enqueue(xProblem(503, 'about:blank', 'Service Unavailable'));

    await expect(failure(sut.publish_post({ text: 'Only once' }, context()))).resolves.toMatchObject({ category: 'PROVIDER_UNAVAILABLE', details: { requestSent: true } });
    expect(fake.requests).toHaveLength(1);
  });

  it('should not retry a post that timed out', async () => {
    fake.server.enqueue({ status: 201, body: { data: { id: '1', text: 'late' } }, delayMs: 3_000 });

    await expect(failure(impatient.publish_post({ text: 'Slow' }, context()))).resolves.toMatchObject({ category: 'TIMEOUT', details: { requestSent: true } });
    expect(fake.requests).toHaveLength(1);
  });

  it('should report a slow read as TIMEOUT after its retries', async () => {
    const slow = { status: 200, body: {}, delayMs: 3_000 };
    fake.server.enqueue(slow, slow, slow);

    await expect(failure(impatient.get_post_metrics({ postId: X_FAKE_POST }, context()))).resolves.toMatchObject({ category: 'TIMEOUT' });
    expect(fake.requests).toHaveLength(3);
  });

  it('should answer duplicate text with CONFLICT', async () => {
    await sut.publish_post({ text: 'Same words' }, context());

    const error = await failure(sut.publish_post({ text: 'Same words' }, context()));

    expect(error.category).toBe('CONFLICT');
    expect(error.message).not.toContain('Same words');
  });

  it.each([
    ['an expired user token', { status: 401, body: { title: 'Unauthorized', type: 'about:blank', status: 401 } }, 'AUTH_EXPIRED'],
    ['an app outside a project', xProblem(403, 'client-forbidden'), 'PERMISSION_DENIED'],
    ['a protected post', { status: 200, body: { errors: [{ type: 'https://api.twitter.com/2/problems/not-authorized-for-resource' }] } }, 'PERMISSION_DENIED'],
    ['an invalid request', xProblem(400, 'invalid-request'), 'INVALID_INPUT'],
    ['a plain 403', xProblem(403, 'about:blank', 'Forbidden'), 'PERMISSION_DENIED'],
  ] as const)('should map %s to %s', async (_label, answer, category) => {
    fake.server.enqueue(answer);

    await expect(failure(sut.get_post_metrics({ postId: X_FAKE_POST }, context()))).resolves.toMatchObject({ category });
  });

  it('should answer a rejected token from X itself as AUTH_EXPIRED, so the credentials layer refreshes it', async () => {
    await expect(failure(sut.get_post_metrics({ postId: X_FAKE_POST }, context({ secrets: { accessToken: 'expired' } })))).resolves.toMatchObject({ category: 'AUTH_EXPIRED' });
  });

  it('should fail NOT_CONNECTED without an access token, before any request', async () => {
    await expect(failure(sut.publish_post({ text: 'hi' }, context({ secrets: {} })))).resolves.toMatchObject({ category: 'NOT_CONNECTED' });
    expect(fake.requests).toHaveLength(0);
  });
});
