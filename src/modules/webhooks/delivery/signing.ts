import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** A new signing secret: Standard Webhooks' form, `whsec_` and the base64 of 24 random bytes (192 bits). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/**
 * The headers of one attempt (Standard Webhooks): the id is the delivery's, the same on every
 * retry so a receiver can drop duplicates; the timestamp is the attempt's (receivers refuse old
 * ones, which defeats replays), in seconds; the signature is `v1,` and the base64 HMAC-SHA256 of
 * `id.timestamp.body` under the secret, computed by the `standardwebhooks` package receivers verify with.
 */
export function signedHeaders(secret: string, deliveryId: string, at: Date, body: string, userAgent: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'user-agent': userAgent,
    'webhook-id': deliveryId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(deliveryId, at, body),
  };
}
