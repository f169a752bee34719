import { ScriptedHttpServer, type RecordedRequest, type ScriptedAnswer } from './scripted-http-server';

export const STRIPE_FAKE_KEY = 'sk_test_51FakeNeonhubKey0000000000';

/** Stripe's error envelope (https://docs.stripe.com/api/errors). */
export function stripeError(status: number, type: string, extra: { code?: string; param?: string; headers?: Record<string, string> } = {}): ScriptedAnswer {
  return {
    status,
    headers: { 'request-id': `req_fake${status}`, ...extra.headers },
    body: { error: { type, code: extra.code, param: extra.param, message: `fake ${type}`, request_log_url: 'https://dashboard.stripe.com/test/logs/req_fake' } },
  };
}

const CHARGES = Array.from({ length: 12 }, (_, i) => ({
  id: `ch_3QfB4xT2m9LwK1aZ0x1bYz${String(i).padStart(2, '0')}`,
  object: 'charge',
  amount: 1000 + i * 500,
  amount_captured: 1000 + i * 500,
  amount_refunded: i === 3 ? 1000 + i * 500 : 0,
  currency: 'usd',
  customer: i % 2 === 0 ? 'cus_QfB4xT2m9LwK1a' : 'cus_Rg7hJk2LmN0pQr',
  description: `Order #${1040 + i}`,
  livemode: false,
  metadata: {},
  paid: true,
  refunded: i === 3,
  status: 'succeeded',
  receipt_url: `https://pay.stripe.com/receipts/fake/${i}`,
  created: 1_736_848_200 - i * 3600,
}));

/**
 * A local Stripe API: checks the secret key, parses form bodies like Stripe does, replays the
 * first answer to a repeated Idempotency-Key (and refuses the key with other parameters), and
 * answers 429, 5xx or slowly when a test queues it on the server.
 */
export class StripeFake {
  readonly server = new ScriptedHttpServer((request) => this.route(request));
  private readonly replays = new Map<string, { body: string; answer: ScriptedAnswer }>();
  private created = 0;

  get requests(): RecordedRequest[] {
    return this.server.requests;
  }

  start(): Promise<string> {
    return this.server.start();
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  /** Between tests: forgets requests, queued answers and idempotency records. */
  reset(): void {
    this.server.reset();
    this.replays.clear();
  }

  private route(request: RecordedRequest): ScriptedAnswer {
    if (request.headers.authorization !== `Bearer ${STRIPE_FAKE_KEY}`) return stripeError(401, 'invalid_request_error');
    if (request.method === 'GET' && request.path === '/v1/charges') return this.listCharges(request.query);
    if (request.method === 'GET' && request.path === '/v1/balance') return this.balance();
    if (request.method !== 'POST') return stripeError(404, 'invalid_request_error');
    const key = request.headers['idempotency-key'] as string | undefined;
    const earlier = key ? this.replays.get(key) : undefined;
    if (earlier && earlier.body !== request.rawBody) return stripeError(400, 'idempotency_error');
    if (earlier) return { ...earlier.answer, headers: { ...earlier.answer.headers, 'idempotent-replayed': 'true' } };
    const form = new URLSearchParams(request.rawBody);
    const answer =
      request.path === '/v1/coupons' ? this.createCoupon(form) : request.path === '/v1/payment_links' ? this.createPaymentLink(form) : stripeError(404, 'invalid_request_error');
    if (key) this.replays.set(key, { body: request.rawBody, answer });
    return answer;
  }

  private listCharges(query: URLSearchParams): ScriptedAnswer {
    const limit = Number(query.get('limit') ?? 10);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) return stripeError(400, 'invalid_request_error', { code: 'parameter_invalid_integer', param: 'limit' });
    const since = Number(query.get('created[gte]') ?? 0);
    const customer = query.get('customer');
    const matching = CHARGES.filter((c) => c.created >= since && (!customer || c.customer === customer));
    return { status: 200, body: { object: 'list', data: matching.slice(0, limit), has_more: matching.length > limit, url: '/v1/charges' } };
  }

  private balance(): ScriptedAnswer {
    return {
      status: 200,
      body: {
        object: 'balance',
        available: [{ amount: 125_000, currency: 'usd', source_types: { card: 125_000 } }],
        pending: [{ amount: 8_200, currency: 'usd', source_types: { card: 8_200 } }],
        livemode: false,
      },
    };
  }

  private createCoupon(form: URLSearchParams): ScriptedAnswer {
    const duration = form.get('duration');
    if (!duration) return stripeError(400, 'invalid_request_error', { code: 'parameter_missing', param: 'duration' });
    if (!form.has('percent_off') && !form.has('amount_off')) return stripeError(400, 'invalid_request_error', { code: 'parameter_missing', param: 'percent_off' });
    if (form.has('amount_off') && !form.has('currency')) return stripeError(400, 'invalid_request_error', { code: 'parameter_missing', param: 'currency' });
    this.created += 1;
    const number = (name: string) => (form.has(name) ? Number(form.get(name)) : null);
    return {
      status: 200,
      body: {
        id: `FAKE${String(this.created).padStart(4, '0')}`,
        object: 'coupon',
        amount_off: number('amount_off'),
        created: 1_736_848_200 + this.created,
        currency: form.get('currency'),
        duration,
        duration_in_months: number('duration_in_months'),
        livemode: false,
        max_redemptions: number('max_redemptions'),
        metadata: {},
        name: form.get('name'),
        percent_off: number('percent_off'),
        redeem_by: number('redeem_by'),
        times_redeemed: 0,
        valid: true,
      },
    };
  }

  private createPaymentLink(form: URLSearchParams): ScriptedAnswer {
    const price = form.get('line_items[0][price]');
    if (!price) return stripeError(400, 'invalid_request_error', { code: 'parameter_missing', param: 'line_items' });
    if (price === 'price_gone') return stripeError(400, 'invalid_request_error', { code: 'resource_missing', param: 'line_items[0][price]' });
    this.created += 1;
    return {
      status: 200,
      body: {
        id: `plink_1FakeLink${String(this.created).padStart(6, '0')}`,
        object: 'payment_link',
        active: true,
        allow_promotion_codes: form.get('allow_promotion_codes') === 'true',
        livemode: false,
        metadata: form.has('metadata[campaign]') ? { campaign: form.get('metadata[campaign]') } : {},
        url: `https://buy.stripe.com/test_fake${this.created}`,
      },
    };
  }
}
