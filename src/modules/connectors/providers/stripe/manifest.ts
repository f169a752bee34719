import { ConnectorKind } from '../../../../generated/prisma/enums';
import type { ConnectorManifest } from '../../connector.types';
import { CreateCouponInput, CreatePaymentLinkInput, GetBalanceInput, ListRecentChargesInput } from './dto';

/** Stripe's REST API: form-encoded writes, JSON answers, writes deduplicated by Idempotency-Key. */
export const stripeManifest: ConnectorManifest = {
  key: 'stripe',
  displayName: 'Stripe',
  kind: ConnectorKind.STRIPE,
  authType: 'api_key',
  scopes: [],
  // Live mode allows 100 read and 100 write operations per second (test mode 25); one budget here stays below both.
  rateLimit: { requests: 100, perSeconds: 1 },
  realAvailable: true,
  idempotentWrites: true,
  defaultBaseUrl: 'https://api.stripe.com',
  // A restricted key (rk_...) with read access to charges and balance and write access to coupons and payment links is enough.
  secretFields: ['secretKey'],
  metadataFields: [],
  actions: [
    {
      name: 'list_recent_charges',
      description: 'Lists the most recent charges, newest first (revenue attribution, refunds)',
      effect: 'read',
      input: ListRecentChargesInput,
      outputExample: {
        charges: [
          {
            id: 'ch_3QfB4xT2m9LwK1aZ0x1bYz9Q',
            amount: 4900,
            amountRefunded: 0,
            currency: 'usd',
            status: 'succeeded',
            paid: true,
            refunded: false,
            customerId: 'cus_QfB4xT2m9LwK1a',
            description: 'Spring collection order #1042',
            createdAt: '2025-01-14T09:30:00.000Z',
          },
        ],
        hasMore: false,
      },
    },
    {
      name: 'get_balance',
      description: 'Reads the account balance: funds available for payout and pending, per currency',
      effect: 'read',
      input: GetBalanceInput,
      outputExample: { available: [{ amount: 125_000, currency: 'usd' }], pending: [{ amount: 8_200, currency: 'usd' }], livemode: false },
    },
    {
      name: 'create_coupon',
      description: 'Creates a coupon (percent or amount off) for a promotion',
      effect: 'write',
      input: CreateCouponInput,
      outputExample: {
        id: 'Z4OV52SU',
        name: 'Spring sale 25%',
        percentOff: 25,
        amountOff: null,
        currency: null,
        duration: 'once',
        durationInMonths: null,
        maxRedemptions: null,
        redeemBy: null,
        valid: true,
        createdAt: '2025-01-14T09:30:00.000Z',
      },
    },
    {
      name: 'create_payment_link',
      description: 'Creates a shareable checkout link for one or more prices',
      effect: 'write',
      input: CreatePaymentLinkInput,
      outputExample: { id: 'plink_1QfB4xT2m9LwK1aZ', url: 'https://buy.stripe.com/test_8wM5lQ0aB3cD', active: true, livemode: false },
    },
  ],
};
