import { callContext, realProviderDeps } from '../../../../../test/support/fakes/real-provider-deps';
import { SHOPIFY_FAKE_PRODUCT, SHOPIFY_FAKE_TOKEN, ShopifyFake, shopifyThrottled } from '../../../../../test/support/fakes/shopify-fake';
import type { ConnectorError } from '../../connector-error';
import type { RealActions } from '../../connector-definition';
import { shopifyReal } from './real';

const context = (overrides: Parameters<typeof callContext>[0] = {}) =>
  callContext({ secrets: { accessToken: SHOPIFY_FAKE_TOKEN }, metadata: { shopDomain: 'neon-apparel.myshopify.com' }, ...overrides });
const failure = (promise: Promise<unknown>) => promise.then(() => Promise.reject(new Error('expected a failure')), (error: unknown) => error as ConnectorError);
const discount = { title: 'Spring newsletter 20%', code: 'SPRING20', percentage: 20, startsAt: '2025-03-01T00:00:00Z' };
const sent = (fake: ShopifyFake, i = 0) => JSON.parse(fake.requests[i].rawBody) as { query: string; variables: Record<string, unknown> };

describe(shopifyReal.name, () => {
  const fake = new ShopifyFake();
  let sut: RealActions;
  /** Gives up after 300 ms, for the slow-answer tests only: a cold first request may take that long. */
  let impatient: RealActions;

  beforeAll(async () => {
    const baseUrl = await fake.start();
    sut = shopifyReal(realProviderDeps(baseUrl, 'shopify', { timeoutMs: 5_000 }));
    impatient = shopifyReal(realProviderDeps(baseUrl, 'shopify', { timeoutMs: 300 }));
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.stop());

  it('should post the query with the access token header and parse the orders', async () => {
    const output = await sut.list_recent_orders({ first: 2 }, context());

    const [request] = fake.requests;
    expect([request.method, request.path, request.headers['x-shopify-access-token'], request.headers['content-type']]).toEqual([
      'POST',
      '/graphql.json',
      SHOPIFY_FAKE_TOKEN,
      'application/json',
    ]);
    expect(sent(fake).query).toContain('orders(first: $first, sortKey: CREATED_AT, reverse: true');
    expect(output).toEqual({
      orders: [
        { id: 'gid://shopify/Order/5890123456789', name: '#1042', createdAt: '2025-01-14T09:30:00Z', financialStatus: 'PAID', fulfillmentStatus: 'UNFULFILLED', itemCount: 1, total: { amount: '49.00', currencyCode: 'USD' } },
        expect.objectContaining({ name: '#1041', fulfillmentStatus: 'FULFILLED', itemCount: 2 }),
      ],
      hasNextPage: true,
    });
  });

  it('should turn filters into Shopify search syntax', async () => {
    await sut.list_recent_orders({ createdAfter: '2025-01-10T00:00:00Z', financialStatus: 'pending' }, context());

    expect(sent(fake).variables).toEqual({ first: 10, query: "created_at:>='2025-01-10T00:00:00Z' AND financial_status:pending" });
  });

  it("should address the connection's own shop, and refuse a domain that is not a Shopify shop", async () => {
    const asked: (string | undefined)[] = [];
    const deps = realProviderDeps(fake.server.baseUrl, 'shopify');
    const perShop = shopifyReal({ baseUrl: '', http: (o = {}) => (asked.push(o.baseUrl), deps.http({ ...o, baseUrl: fake.server.baseUrl })) });

    await perShop.get_product({ productId: SHOPIFY_FAKE_PRODUCT }, context());
    const refused = await failure(perShop.get_product({ productId: SHOPIFY_FAKE_PRODUCT }, context({ metadata: { shopDomain: 'attacker.example.com' } })));

    expect(asked).toEqual(['https://neon-apparel.myshopify.com/admin/api/2025-01']);
    expect(refused.category).toBe('NOT_CONNECTED');
    expect(fake.requests).toHaveLength(1);
  });

  it('should read a product by numeric id as its gid and map the price range', async () => {
    const output = await sut.get_product({ productId: '8001234567890' }, context());

    expect(sent(fake).variables).toEqual({ id: SHOPIFY_FAKE_PRODUCT });
    expect(output).toEqual(expect.objectContaining({ title: 'Linen shirt', totalInventory: 124, priceRange: { min: { amount: '49.0', currencyCode: 'USD' }, max: { amount: '59.0', currencyCode: 'USD' } } }));
  });

  it('should answer NOT_FOUND for a product Shopify returns as null', async () => {
    await expect(failure(sut.get_product({ productId: '1' }, context()))).resolves.toMatchObject({ category: 'NOT_FOUND' });
  });

  it('should build the discount mutation with the percentage as a fraction and parse the node', async () => {
    const output = await sut.create_discount_code({ ...discount, endsAt: '2025-03-31T23:59:59Z', usageLimit: 500 }, context());

    expect(sent(fake).query).toContain('discountCodeBasicCreate');
    expect(sent(fake).variables).toEqual({
      basicCodeDiscount: {
        title: 'Spring newsletter 20%',
        code: 'SPRING20',
        startsAt: '2025-03-01T00:00:00Z',
        endsAt: '2025-03-31T23:59:59Z',
        usageLimit: 500,
        appliesOncePerCustomer: false,
        customerSelection: { all: true },
        customerGets: { value: { percentage: 0.2 }, items: { all: true } },
      },
    });
    expect(output).toEqual({ id: 'gid://shopify/DiscountCodeNode/123456781', code: 'SPRING20', title: 'Spring newsletter 20%', status: 'SCHEDULED', startsAt: '2025-03-01T00:00:00Z', summary: '20% off entire order' });
  });

  it('should send a fixed amount as a discountAmount', async () => {
    await sut.create_discount_code({ title: 'Ten off', code: 'TENOFF', amountOff: 10, startsAt: '2025-01-01T00:00:00Z' }, context());

    expect((sent(fake).variables.basicCodeDiscount as { customerGets: unknown }).customerGets).toEqual({ value: { discountAmount: { amount: '10', appliesOnEachItem: false } }, items: { all: true } });
  });

  it('should report a code that already exists (userErrors TAKEN) as CONFLICT', async () => {
    await sut.create_discount_code(discount, context());

    const error = await failure(sut.create_discount_code(discount, context()));

    expect(error).toMatchObject({ category: 'CONFLICT', retryable: false });
    expect(error.message).toContain('basicCodeDiscount.code: TAKEN');
  });

  it('should answer 429 as RATE_LIMITED with Retry-After in seconds', async () => {
    fake.server.enqueue({ status: 429, headers: { 'retry-after': '2.0' }, body: { errors: 'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.' } });

    await expect(failure(sut.list_recent_orders({}, context()))).resolves.toMatchObject({ category: 'RATE_LIMITED', details: { retryAfterMs: 2_000, providerStatus: 429 } });
    expect(fake.requests).toHaveLength(1);
  });

  it('should answer 429 with Retry-After as an HTTP date', async () => {
    const at = new Date(Math.ceil(Date.now() / 1000) * 1000 + 10_000);
    fake.server.enqueue({ status: 429, headers: { 'retry-after': at.toUTCString() }, body: { errors: 'Throttled' } });

    const before = Date.now();
    const error = await failure(sut.get_product({ productId: '1' }, context()));
    const after = Date.now();

    expect(error.category).toBe('RATE_LIMITED');
    // Measured from whenever the answer was read, which lies between `before` and `after`.
    expect(error.details.retryAfterMs).toBeGreaterThanOrEqual(at.getTime() - after);
    expect(error.details.retryAfterMs).toBeLessThanOrEqual(at.getTime() - before);
  });

  it('should answer a THROTTLED GraphQL error as RATE_LIMITED, waiting for the missing cost at the restore rate', async () => {
    fake.server.enqueue(shopifyThrottled(252, 52));

    await expect(failure(sut.list_recent_orders({}, context()))).resolves.toMatchObject({ category: 'RATE_LIMITED', details: { retryAfterMs: 2_000 } });
  });

  it('should retry a query after a 5xx, since a query only reads', async () => {
    fake.server.enqueue({ status: 503, body: { errors: 'Service Unavailable' } });

    await expect(sut.get_product({ productId: SHOPIFY_FAKE_PRODUCT }, context())).resolves.toMatchObject({ handle: 'linen-shirt' });
    expect(fake.requests).toHaveLength(2);
  });

  it('should not retry the discount mutation after a 5xx: Shopify would not deduplicate it', async () => {
    fake.server.enqueue({ status: 502, body: '<html>Bad Gateway</html>' });

    await expect(failure(sut.create_discount_code(discount, context()))).resolves.toMatchObject({ category: 'PROVIDER_UNAVAILABLE' });
    expect(fake.requests).toHaveLength(1);
  });

  it('should report a slow answer as TIMEOUT', async () => {
    const slow = { status: 200, body: {}, delayMs: 3_000 };
    fake.server.enqueue(slow, slow, slow);

    await expect(failure(impatient.list_recent_orders({}, context()))).resolves.toMatchObject({ category: 'TIMEOUT' });
  });

  it.each([
    ['a rejected access token', { status: 401, body: { errors: '[API] Invalid API key or access token' } }, 'REAUTH_REQUIRED'],
    ['a frozen shop', { status: 402, body: { errors: 'Unavailable Shop' } }, 'PERMISSION_DENIED'],
    ['a locked shop', { status: 423, body: { errors: 'Locked' } }, 'PERMISSION_DENIED'],
    ['a missing scope', { status: 200, body: { errors: [{ message: 'Access denied for orders field.', extensions: { code: 'ACCESS_DENIED' } }] } }, 'PERMISSION_DENIED'],
    ['a query over the cost limit', { status: 200, body: { errors: [{ message: 'Query cost is 1200', extensions: { code: 'MAX_COST_EXCEEDED' } }] } }, 'INVALID_INPUT'],
  ] as const)('should map %s to %s', async (_label, answer, category) => {
    fake.server.enqueue(answer);

    const error = await failure(sut.list_recent_orders({}, context()));

    expect(error.category).toBe(category);
    expect(error.message).not.toMatch(/Access denied|Invalid API key/);
  });

  it('should fail NOT_CONNECTED without an access token, before any request', async () => {
    await expect(failure(sut.list_recent_orders({}, context({ secrets: {} })))).resolves.toMatchObject({ category: 'NOT_CONNECTED' });
    expect(fake.requests).toHaveLength(0);
  });
});
