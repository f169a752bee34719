import type { RealActions, RealProviderFactoryDeps } from '../../connector-definition';
import { ConnectorError } from '../../connector-error';
import type { ConnectorCallContext } from '../../connector.types';
import type { CreateCouponInput, CreatePaymentLinkInput, GetBalanceInput, ListRecentChargesInput } from './dto';
import { refineStripeError } from './stripe-errors';

/** Pinned, so an upgrade of the account's default version in the dashboard cannot change the answers' shape. */
export const STRIPE_API_VERSION = '2025-01-27.acacia';

interface StripeList<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
}

interface StripeCharge {
  id: string;
  amount: number;
  amount_refunded: number;
  currency: string;
  status: string;
  paid: boolean;
  refunded: boolean;
  customer: string | { id: string } | null;
  description: string | null;
  created: number;
}

interface StripeMoney {
  amount: number;
  currency: string;
}

interface StripeBalance {
  available: StripeMoney[];
  pending: StripeMoney[];
  livemode: boolean;
}

interface StripeCoupon {
  id: string;
  name: string | null;
  percent_off: number | null;
  amount_off: number | null;
  currency: string | null;
  duration: string;
  duration_in_months: number | null;
  max_redemptions: number | null;
  redeem_by: number | null;
  valid: boolean;
  created: number;
}

interface StripePaymentLink {
  id: string;
  url: string;
  active: boolean;
  livemode: boolean;
}

const isoFromUnix = (seconds: number) => new Date(seconds * 1000).toISOString();
const unixFromIso = (iso: string) => String(Math.floor(Date.parse(iso) / 1000));
const money = (m: StripeMoney) => ({ amount: m.amount, currency: m.currency });

/** Stripe's form encoding: nested fields as brackets, absent values left out. */
function form(fields: Record<string, string | number | boolean | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));
}

/** Stripe over its REST API through the shared client; writes carry the tool call's idempotency key. */
export function stripeReal(deps: RealProviderFactoryDeps): RealActions {
  const http = deps.http({ refine: refineStripeError });

  const headers = (context: ConnectorCallContext) => {
    const key = context.secrets.secretKey;
    if (!key) throw ConnectorError.notConnected('stripe');
    return { authorization: `Bearer ${key}`, 'stripe-version': STRIPE_API_VERSION };
  };

  // Stripe stores the first answer to a key for 24 hours and replays it, so a retried write cannot charge or create twice.
  const post = async <T>(path: string, fields: Record<string, string>, context: ConnectorCallContext): Promise<T> =>
    (
      await http.request<T>({
        method: 'POST',
        path,
        form: fields,
        headers: headers(context),
        idempotencyKey: { header: 'Idempotency-Key', value: context.idempotencyKey },
        signal: context.signal,
      })
    ).body;

  return {
    async list_recent_charges(raw, context) {
      const input = raw as unknown as ListRecentChargesInput;
      const { body } = await http.request<StripeList<StripeCharge>>({
        method: 'GET',
        path: '/v1/charges',
        query: { limit: input.limit ?? 10, customer: input.customerId, 'created[gte]': input.createdAfter && unixFromIso(input.createdAfter) },
        headers: headers(context),
        signal: context.signal,
      });
      return {
        charges: body.data.map((c) => ({
          id: c.id,
          amount: c.amount,
          amountRefunded: c.amount_refunded,
          currency: c.currency,
          status: c.status,
          paid: c.paid,
          refunded: c.refunded,
          customerId: typeof c.customer === 'string' ? c.customer : (c.customer?.id ?? null),
          description: c.description,
          createdAt: isoFromUnix(c.created),
        })),
        hasMore: body.has_more,
      };
    },

    async get_balance(raw, context) {
      const { currency } = raw as unknown as GetBalanceInput;
      const { body } = await http.request<StripeBalance>({ method: 'GET', path: '/v1/balance', headers: headers(context), signal: context.signal });
      const pick = (funds: StripeMoney[]) => funds.filter((m) => !currency || m.currency === currency).map(money);
      return { available: pick(body.available), pending: pick(body.pending), livemode: body.livemode };
    },

    async create_coupon(raw, context) {
      const input = raw as unknown as CreateCouponInput;
      const coupon = await post<StripeCoupon>(
        '/v1/coupons',
        form({
          name: input.name,
          duration: input.duration,
          percent_off: input.percentOff,
          amount_off: input.amountOff,
          currency: input.currency,
          duration_in_months: input.durationInMonths,
          max_redemptions: input.maxRedemptions,
          redeem_by: input.redeemBy && unixFromIso(input.redeemBy),
        }),
        context,
      );
      return {
        id: coupon.id,
        name: coupon.name,
        percentOff: coupon.percent_off,
        amountOff: coupon.amount_off,
        currency: coupon.currency,
        duration: coupon.duration,
        durationInMonths: coupon.duration_in_months,
        maxRedemptions: coupon.max_redemptions,
        redeemBy: coupon.redeem_by === null ? null : isoFromUnix(coupon.redeem_by),
        valid: coupon.valid,
        createdAt: isoFromUnix(coupon.created),
      };
    },

    async create_payment_link(raw, context) {
      const input = raw as unknown as CreatePaymentLinkInput;
      const items = Object.assign(
        {},
        ...input.lineItems.map((item, i) => ({ [`line_items[${i}][price]`]: item.price, [`line_items[${i}][quantity]`]: item.quantity })),
      ) as Record<string, string | number>;
      const link = await post<StripePaymentLink>(
        '/v1/payment_links',
        form({
          ...items,
          allow_promotion_codes: input.allowPromotionCodes,
          'after_completion[type]': input.redirectUrl && 'redirect',
          'after_completion[redirect][url]': input.redirectUrl,
          'metadata[campaign]': input.campaign,
        }),
        context,
      );
      return { id: link.id, url: link.url, active: link.active, livemode: link.livemode };
    },
  };
}
