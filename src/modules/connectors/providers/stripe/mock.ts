import { createHash } from 'node:crypto';
import type { MockActionContext, MockBehaviour } from '../../connector-definition';
import type { CreateCouponInput, GetBalanceInput, ListRecentChargesInput } from './dto';

/** An instant `minutesBack` before the call's clock (context.now). */
const at = (now: number, minutesBack = 0) => new Date(now - minutesBack * 60_000).toISOString();
/** Stripe ids are a prefix and 24 base62 characters; hex keeps them deterministic and as long. */
const itemId = (context: MockActionContext, prefix: string, index: number) =>
  `${prefix}${createHash('sha256').update(`${context.deterministicId('')}:${index}`).digest('hex').slice(0, 24)}`;

const AMOUNTS = [4900, 12_900, 2500, 8900, 19_900];

export const stripeMock: MockBehaviour = {
  list_recent_charges: (raw, context) => {
    const input = raw as unknown as ListRecentChargesInput;
    const count = Math.min(input.limit ?? 10, AMOUNTS.length);
    const charges = Array.from({ length: count }, (_, i) => {
      // Every fifth charge is a refund, so agents see both outcomes.
      const refunded = (context.sequence + i) % 5 === 4;
      const amount = AMOUNTS[(context.sequence + i) % AMOUNTS.length];
      return {
        id: itemId(context, 'ch_', i),
        amount,
        amountRefunded: refunded ? amount : 0,
        currency: 'usd',
        status: 'succeeded',
        paid: true,
        refunded,
        customerId: input.customerId ?? itemId(context, 'cus_', i).slice(0, 18),
        description: `Order #${1000 + context.sequence * 10 + i}`,
        createdAt: at(context.now, i * 90),
      };
    });
    return { charges, hasMore: (input.limit ?? 10) > AMOUNTS.length };
  },

  get_balance: (raw, context) => {
    const currency = (raw as unknown as GetBalanceInput).currency ?? 'usd';
    return { available: [{ amount: 125_000 + context.sequence * 4_900, currency }], pending: [{ amount: 8_200, currency }], livemode: false };
  },

  create_coupon: (raw, context) => {
    const input = raw as unknown as CreateCouponInput;
    return {
      id: context.deterministicId('').slice(0, 8).toUpperCase(),
      name: input.name,
      percentOff: input.percentOff ?? null,
      amountOff: input.amountOff ?? null,
      currency: input.currency ?? null,
      duration: input.duration,
      durationInMonths: input.durationInMonths ?? null,
      maxRedemptions: input.maxRedemptions ?? null,
      redeemBy: input.redeemBy ? new Date(Math.floor(Date.parse(input.redeemBy) / 1000) * 1000).toISOString() : null,
      valid: true,
      createdAt: at(context.now),
    };
  },

  create_payment_link: (_raw, context) => {
    const id = itemId(context, '', 0);
    return { id: `plink_${id}`, url: `https://buy.stripe.com/test_${id.slice(0, 14)}`, active: true, livemode: false };
  },
};
