import { Webhook } from 'standardwebhooks';
import { newWebhookSecret, signedHeaders } from './signing';

describe(signedHeaders.name, () => {
  const secret = newWebhookSecret();
  const body = JSON.stringify({ type: 'run.completed', timestamp: '2026-12-01T09:00:00.000Z', data: { runId: 'r1' } });
  const at = new Date();
  const sut = signedHeaders(secret, 'delivery-1', at, body, 'NeonHub-Webhooks/1.0.0');

  it('should carry the Standard Webhooks headers, the id being the delivery id and the timestamp in seconds', () => {
    expect(sut).toEqual({
      'content-type': 'application/json',
      'user-agent': 'NeonHub-Webhooks/1.0.0',
      'webhook-id': 'delivery-1',
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': expect.stringMatching(/^v1,[A-Za-z0-9+/]+=*$/),
    });
  });

  it('should verify with the standardwebhooks package under the same secret', () => {
    expect(new Webhook(secret).verify(body, sut)).toEqual(JSON.parse(body));
  });

  it('should not verify under another secret, or with the body changed', () => {
    expect(() => new Webhook(newWebhookSecret()).verify(body, sut)).toThrow();
    expect(() => new Webhook(secret).verify(body.replace('r1', 'r2'), sut)).toThrow();
  });

  it('should sign the same delivery differently at another time', () => {
    const later = signedHeaders(secret, 'delivery-1', new Date(at.getTime() + 60_000), body, 'NeonHub-Webhooks/1.0.0');

    expect(later['webhook-signature']).not.toBe(sut['webhook-signature']);
  });
});

describe(newWebhookSecret.name, () => {
  it('should be whsec_ and the base64 of 24 random bytes', () => {
    const secret = newWebhookSecret();

    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(24);
    expect(newWebhookSecret()).not.toBe(secret);
  });
});
