import { callContext, realProviderDeps } from '../../../../../test/support/fakes/real-provider-deps';
import { STRIPE_FAKE_KEY, StripeFake, stripeError } from '../../../../../test/support/fakes/stripe-fake';
import { ConnectorError } from '../../connector-error';
import type { RealActions } from '../../connector-definition';
import { STRIPE_API_VERSION, stripeReal } from './real';

const context = (overrides: Parameters<typeof callContext>[0] = {}) => callContext({ secrets: { secretKey: STRIPE_FAKE_KEY }, idempotencyKey: 'run-7:2', ...overrides });
const failure = (promise: Promise<unknown>) => promise.then(() => Promise.reject(new Error('expected a failure')), (error: unknown) => error as ConnectorError);
const coupon = { name: 'Spring sale 25%', percentOff: 25, duration: 'once' };

describe(stripeReal.name, () => {
  const fake = new StripeFake();
  let sut: RealActions;
  /** Gives up after 300 ms, for the slow-answer tests only: a cold first request may take that long. */
  let impatient: RealActions;

  beforeAll(async () => {
    const baseUrl = await fake.start();
    sut = stripeReal(realProviderDeps(baseUrl, 'stripe', { timeoutMs: 5_000 }));
    impatient = stripeReal(realProviderDeps(baseUrl, 'stripe', { timeoutMs: 300 }));
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.stop());

  it('should send the secret key as a bearer token, pin the API version and parse charges', async () => {
    const output = await sut.list_recent_charges({ limit: 2 }, context());

    const [request] = fake.requests;
    expect(request.headers.authorization).toBe(`Bearer ${STRIPE_FAKE_KEY}`);
    expect(request.headers['stripe-version']).toBe(STRIPE_API_VERSION);
    expect(request.headers['idempotency-key']).toBeUndefined();
    expect(output).toEqual({
      charges: [
        expect.objectContaining({ id: 'ch_3QfB4xT2m9LwK1aZ0x1bYz00', amount: 1000, amountRefunded: 0, customerId: 'cus_QfB4xT2m9LwK1a', createdAt: '2025-01-14T09:50:00.000Z' }),
        expect.objectContaining({ id: 'ch_3QfB4xT2m9LwK1aZ0x1bYz01', customerId: 'cus_Rg7hJk2LmN0pQr', description: 'Order #1041' }),
      ],
      hasMore: true,
    });
  });

  it('should filter charges by customer and creation time in the query string', async () => {
    await sut.list_recent_charges({ customerId: 'cus_QfB4xT2m9LwK1a', createdAfter: '2025-01-14T00:00:00Z' }, context());

    expect(Object.fromEntries(fake.requests[0].query)).toEqual({ limit: '10', customer: 'cus_QfB4xT2m9LwK1a', 'created[gte]': '1736812800' });
  });

  it('should read the balance per currency', async () => {
    await expect(sut.get_balance({}, context())).resolves.toEqual({
      available: [{ amount: 125_000, currency: 'usd' }],
      pending: [{ amount: 8_200, currency: 'usd' }],
      livemode: false,
    });
  });

  it('should keep only the asked currency of the balance', async () => {
    await expect(sut.get_balance({ currency: 'eur' }, context())).resolves.toEqual({ available: [], pending: [], livemode: false });
  });

  it('should form-encode a coupon with the idempotency key and parse the answer', async () => {
    const output = await sut.create_coupon({ name: '10 off', amountOff: 1000, currency: 'eur', duration: 'repeating', durationInMonths: 3, redeemBy: '2025-06-30T23:59:59Z' }, context());

    const [request] = fake.requests;
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request.headers['idempotency-key']).toBe('run-7:2');
    expect(Object.fromEntries(new URLSearchParams(request.rawBody))).toEqual({
      name: '10 off',
      amount_off: '1000',
      currency: 'eur',
      duration: 'repeating',
      duration_in_months: '3',
      redeem_by: '1751327999',
    });
    expect(output).toEqual(expect.objectContaining({ percentOff: null, amountOff: 1000, currency: 'eur', durationInMonths: 3, redeemBy: '2025-06-30T23:59:59.000Z', valid: true }));
  });

  it('should encode payment link items, the redirect and the campaign as Stripe nested fields', async () => {
    const output = await sut.create_payment_link(
      { lineItems: [{ price: 'price_A', quantity: 1 }, { price: 'price_B', quantity: 2 }], allowPromotionCodes: true, redirectUrl: 'https://shop.example.com/thanks', campaign: 'spring' },
      context(),
    );

    expect(Object.fromEntries(new URLSearchParams(fake.requests[0].rawBody))).toEqual({
      'line_items[0][price]': 'price_A',
      'line_items[0][quantity]': '1',
      'line_items[1][price]': 'price_B',
      'line_items[1][quantity]': '2',
      allow_promotion_codes: 'true',
      'after_completion[type]': 'redirect',
      'after_completion[redirect][url]': 'https://shop.example.com/thanks',
      'metadata[campaign]': 'spring',
    });
    expect(output).toEqual({ id: expect.stringMatching(/^plink_/), url: expect.stringMatching(/^https:\/\/buy\.stripe\.com\//), active: true, livemode: false });
  });

  it('should answer 429 as RATE_LIMITED with Retry-After in seconds', async () => {
    fake.server.enqueue(stripeError(429, 'invalid_request_error', { code: 'rate_limit', headers: { 'retry-after': '7' } }));

    const error = await failure(sut.get_balance({}, context()));

    expect(error).toMatchObject({ category: 'RATE_LIMITED', retryable: true, details: { retryAfterMs: 7_000, providerStatus: 429 } });
    expect(fake.requests).toHaveLength(1);
  });

  it('should answer 429 as RATE_LIMITED with Retry-After as an HTTP date', async () => {
    const at = new Date(Math.ceil(Date.now() / 1000) * 1000 + 30_000);
    fake.server.enqueue(stripeError(429, 'rate_limit_error', { headers: { 'retry-after': at.toUTCString() } }));

    const before = Date.now();
    const error = await failure(sut.create_coupon(coupon, context()));
    const after = Date.now();

    expect(error.category).toBe('RATE_LIMITED');
    // Measured from whenever the answer was read, which lies between `before` and `after`.
    expect(error.details.retryAfterMs).toBeGreaterThanOrEqual(at.getTime() - after);
    expect(error.details.retryAfterMs).toBeLessThanOrEqual(at.getTime() - before);
  });

  it('should retry a read after a 5xx', async () => {
    fake.server.enqueue(stripeError(500, 'api_error'));

    await expect(sut.get_balance({}, context())).resolves.toMatchObject({ livemode: false });
    expect(fake.requests).toHaveLength(2);
  });

  it('should retry a write after a 5xx with the same Idempotency-Key, and Stripe replays rather than creating twice', async () => {
    fake.server.enqueue(stripeError(503, 'api_error'));

    const first = await sut.create_coupon(coupon, context({ idempotencyKey: 'run-9:0' }));
    const again = await sut.create_coupon(coupon, context({ idempotencyKey: 'run-9:0' }));

    expect(fake.requests.map((r) => r.headers['idempotency-key'])).toEqual(['run-9:0', 'run-9:0', 'run-9:0']);
    expect(fake.requests[1].rawBody).toBe(fake.requests[0].rawBody);
    expect(again).toEqual(first);
  });

  it('should retry a timed-out write with the same Idempotency-Key', async () => {
    fake.server.enqueue({ status: 200, body: {}, delayMs: 3_000 });

    await expect(impatient.create_coupon(coupon, context({ idempotencyKey: 'run-11:0' }))).resolves.toMatchObject({ percentOff: 25 });
    expect(fake.requests.map((r) => r.headers['idempotency-key'])).toEqual(['run-11:0', 'run-11:0']);
  });

  it('should give up as PROVIDER_UNAVAILABLE when 5xx persists', async () => {
    fake.server.enqueue(stripeError(500, 'api_error'), stripeError(500, 'api_error'), stripeError(500, 'api_error'));

    await expect(failure(sut.list_recent_charges({}, context()))).resolves.toMatchObject({ category: 'PROVIDER_UNAVAILABLE', retryable: true });
    expect(fake.requests).toHaveLength(3);
  });

  it('should report a slow answer as TIMEOUT', async () => {
    const slow = { status: 200, body: {}, delayMs: 3_000 };
    fake.server.enqueue(slow, slow, slow);

    await expect(failure(impatient.get_balance({}, context()))).resolves.toMatchObject({ category: 'TIMEOUT' });
  });

  it.each([
    ['a declined card (card_error)', stripeError(402, 'card_error', { code: 'card_declined' }), 'INVALID_INPUT'],
    ['a bad parameter (invalid_request_error)', stripeError(400, 'invalid_request_error', { code: 'parameter_invalid_integer', param: 'limit' }), 'INVALID_INPUT'],
    ['authentication_error', stripeError(401, 'authentication_error'), 'REAUTH_REQUIRED'],
    ['a restricted key without the permission', stripeError(403, 'permission_error'), 'PERMISSION_DENIED'],
    ['resource_missing', stripeError(404, 'invalid_request_error', { code: 'resource_missing' }), 'NOT_FOUND'],
    ['idempotency_error', stripeError(400, 'idempotency_error'), 'CONFLICT'],
    ['a concurrent request with the same key', stripeError(409, 'idempotency_error'), 'CONFLICT'],
    ['rate_limit_error', stripeError(429, 'rate_limit_error'), 'RATE_LIMITED'],
  ] as const)('should map %s to %s', async (_label, answer, category) => {
    fake.server.enqueue(answer);

    const error = await failure(sut.create_payment_link({ lineItems: [{ price: 'price_A', quantity: 1 }] }, context()));

    expect(error).toBeInstanceOf(ConnectorError);
    expect(error.category).toBe(category);
    expect(error.message).not.toContain('fake');
  });

  it('should map an api_error to PROVIDER_UNAVAILABLE', async () => {
    fake.server.enqueue(stripeError(500, 'api_error'), stripeError(500, 'api_error'), stripeError(500, 'api_error'));

    await expect(failure(sut.create_coupon(coupon, context()))).resolves.toMatchObject({ category: 'PROVIDER_UNAVAILABLE' });
  });

  it('should treat a rejected secret key as REAUTH_REQUIRED', async () => {
    const error = await failure(sut.get_balance({}, context({ secrets: { secretKey: 'sk_test_revoked' } })));

    expect(error).toMatchObject({ category: 'REAUTH_REQUIRED', retryable: false });
    expect(error.message).not.toContain('sk_test_revoked');
  });

  it('should refuse to reuse an idempotency key for different parameters as CONFLICT', async () => {
    await sut.create_coupon(coupon, context({ idempotencyKey: 'run-10:0' }));

    await expect(failure(sut.create_coupon({ ...coupon, percentOff: 30 }, context({ idempotencyKey: 'run-10:0' })))).resolves.toMatchObject({ category: 'CONFLICT' });
  });

  it('should name a missing price as NOT_FOUND', async () => {
    await expect(failure(sut.create_payment_link({ lineItems: [{ price: 'price_gone', quantity: 1 }] }, context()))).resolves.toMatchObject({ category: 'NOT_FOUND' });
  });

  it('should fail NOT_CONNECTED without a secret key, before any request', async () => {
    await expect(failure(sut.get_balance({}, context({ secrets: {} })))).resolves.toMatchObject({ category: 'NOT_CONNECTED' });
    expect(fake.requests).toHaveLength(0);
  });
});
