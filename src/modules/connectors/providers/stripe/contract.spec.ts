import { STRIPE_FAKE_KEY, StripeFake } from '../../../../../test/support/fakes/stripe-fake';
import { runConnectorContract } from '../../../../../test/support/connectors/contract';
import { stripeConnector } from './index';

const coupon = { name: 'Spring sale 25%', percentOff: 25, duration: 'once' };

runConnectorContract(
  stripeConnector,
  [
    {
      action: 'list_recent_charges',
      valid: [{}, { limit: 3 }, { customerId: 'cus_QfB4xT2m9LwK1a', createdAfter: '2025-01-01T00:00:00Z' }],
      invalid: [{ limit: 0 }, { limit: 101 }, { limit: '5' }, { customerId: 'alice@example.com' }, { createdAfter: 'yesterday' }, { starting_after: 'ch_1' }],
    },
    { action: 'get_balance', valid: [{}, { currency: 'usd' }], invalid: [{ currency: 'USD' }, { currency: 'dollars' }, { account: 'acct_1' }] },
    {
      action: 'create_coupon',
      valid: [coupon, { name: 'Loyalty 12.5%', percentOff: 12.5, duration: 'forever' }],
      invalid: [
        {},
        { name: 'No discount', duration: 'once' },
        { ...coupon, amountOff: 500 },
        { name: 'Five off', amountOff: 500, duration: 'once' },
        { ...coupon, currency: 'usd' },
        { ...coupon, duration: 'repeating' },
        { ...coupon, durationInMonths: 3 },
        { ...coupon, percentOff: 101 },
        { ...coupon, name: '   ' },
        { ...coupon, duration: 'weekly' },
        { ...coupon, redeemBy: 'next friday' },
      ],
    },
    {
      action: 'create_payment_link',
      valid: [
        { lineItems: [{ price: 'price_1QfB4xT2m9LwK1aZ', quantity: 1 }] },
        { lineItems: [{ price: 'price_A', quantity: 2 }, { price: 'price_B', quantity: 1 }], allowPromotionCodes: true, redirectUrl: 'https://shop.example.com/thanks', campaign: 'spring' },
      ],
      invalid: [
        {},
        { lineItems: [] },
        { lineItems: [{ price: 'prod_A', quantity: 1 }] },
        { lineItems: [{ price: 'price_A', quantity: 0 }] },
        { lineItems: [{ price: 'price_A', quantity: 1, currency: 'usd' }] },
        { lineItems: [{ price: 'price_A', quantity: 1 }], redirectUrl: 'http://shop.example.com/thanks' },
      ],
    },
  ],
  {
    start: async () => {
      const fake = new StripeFake();
      return { baseUrl: await fake.start(), secrets: { secretKey: STRIPE_FAKE_KEY }, metadata: {}, stop: () => fake.stop() };
    },
  },
);
