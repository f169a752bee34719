import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { callContext } from '../../../../../test/support/fakes/real-provider-deps';
import { SMTP_FAKE_CREDENTIALS, SmtpFake } from '../../../../../test/support/fakes/smtp-fake';
import type { RealActions } from '../../connector-definition';
import type { ConnectorError } from '../../connector-error';
import { createSmtpActions } from './real';

const FROM = 'news@brand.example';
const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as ConnectorError);
const email = { to: ['jane@example.com'], cc: ['ops@example.com'], subject: 'Spring sale — 20 % off', text: 'Our spring sale is live.', html: '<p>Our <b>spring</b> sale is live.</p>', replyTo: 'care@brand.example' };

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe(createSmtpActions.name, () => {
  let fake: SmtpFake;
  let sut: RealActions;
  let context: (overrides?: { password?: string; port?: number; host?: string }) => ReturnType<typeof callContext>;

  beforeAll(async () => {
    fake = new SmtpFake();
    const { host, port } = await fake.start();
    context = (overrides = {}) =>
      callContext({
        secrets: { password: overrides.password ?? SMTP_FAKE_CREDENTIALS.password },
        metadata: { host: overrides.host ?? host, port: String(overrides.port ?? port), secure: 'false', username: SMTP_FAKE_CREDENTIALS.username, fromAddress: FROM },
      });
  });

  beforeEach(() => {
    fake.reset();
    sut = createSmtpActions({ connectionMs: 5_000, greetingMs: 5_000, socketMs: 5_000 });
  });

  afterAll(() => fake.stop());

  describe('send_email', () => {
    it('should deliver the message to the SMTP server with the envelope, headers and both bodies', async () => {
      const output = (await sut.send_email(email, context())) as { messageId: string };

      expect(fake.received).toHaveLength(1);
      const [mail] = fake.received;
      expect(mail.envelope).toEqual({ mailFrom: FROM, rcptTo: ['jane@example.com', 'ops@example.com'] });
      expect(mail.user).toBe(SMTP_FAKE_CREDENTIALS.username);
      expect(mail.headers).toMatchObject({ from: FROM, to: 'jane@example.com', cc: 'ops@example.com', 'reply-to': 'care@brand.example', subject: 'Spring sale — 20 % off' });
      expect([mail.text, mail.html]).toEqual([email.text, email.html]);
      expect(output).toEqual({ messageId: mail.headers['message-id'], accepted: ['jane@example.com', 'ops@example.com'], rejected: [], response: expect.stringMatching(/^250 /) });
      expect(output.messageId).toMatch(/^<.+@brand\.example>$/);
    });

    it('should send a text-only message as text/plain', async () => {
      await sut.send_email({ to: ['jane@example.com'], subject: 'Plain', text: 'Just text' }, context());

      expect(fake.received[0].headers['content-type']).toMatch(/^text\/plain/);
      expect(fake.received[0].text).toBe('Just text');
    });

    it('should answer a rejected password with REAUTH_REQUIRED: retrying cannot fix it, new credentials can', async () => {
      const error = await failure(sut.send_email(email, context({ password: 'wrong' })));

      expect(error).toMatchObject({ category: 'REAUTH_REQUIRED', retryable: false, details: { providerStatus: 535, requestSent: false } });
      expect(fake.authAttempts).toBe(1);
      expect(fake.received).toHaveLength(0);
    });

    it('should answer a refused connection with PROVIDER_UNAVAILABLE, marked as never sent', async () => {
      const error = await failure(sut.send_email(email, context({ port: await closedPort() })));

      expect(error).toMatchObject({ category: 'PROVIDER_UNAVAILABLE', retryable: true, details: { requestSent: false } });
      expect(error?.message).toContain('ECONNREFUSED');
    });

    it('should answer a 421 greeting with PROVIDER_UNAVAILABLE before logging in', async () => {
      fake.refuseNext('connect', 421);

      const error = await failure(sut.send_email(email, context()));

      expect(error).toMatchObject({ category: 'PROVIDER_UNAVAILABLE', details: { providerStatus: 421, requestSent: false } });
      expect(fake.authAttempts).toBe(0);
    });

    it('should answer a 451 to the message data with PROVIDER_UNAVAILABLE, safe to retry since the server refused it', async () => {
      fake.refuseNext('data', 451, 'Local error in processing');

      const error = await failure(sut.send_email(email, context()));

      expect(error).toMatchObject({ category: 'PROVIDER_UNAVAILABLE', retryable: true, details: { providerStatus: 451, requestSent: false } });
      expect(fake.received).toHaveLength(0);
    });

    it('should answer recipients refused for good with INVALID_INPUT, without quoting the addresses', async () => {
      fake.refuseNext('rcpt', 550, '5.1.1 <jane@example.com>: Recipient address rejected');

      const error = await failure(sut.send_email({ ...email, cc: undefined }, context()));

      expect(error).toMatchObject({ category: 'INVALID_INPUT', details: { providerStatus: 550, requestSent: false } });
      expect(error?.message).not.toContain('jane@example.com');
    });

    it('should answer a sender the server refuses with PERMISSION_DENIED', async () => {
      fake.refuseNext('mail', 553, 'Sender address not owned by user');

      expect(await failure(sut.send_email(email, context()))).toMatchObject({ category: 'PERMISSION_DENIED', details: { providerStatus: 553 } });
    });

    it('should give up with TIMEOUT when the data is never answered, marked as possibly delivered', async () => {
      fake.stallNextData();
      const impatient = createSmtpActions({ connectionMs: 5_000, greetingMs: 5_000, socketMs: 300 });

      const error = await failure(impatient.send_email(email, context()));

      expect(error).toMatchObject({ category: 'TIMEOUT', details: { requestSent: true } });
    });

    it('should refuse to call without a host or password, naming what is missing', async () => {
      const noHost = callContext({ secrets: { password: 'p' }, metadata: { fromAddress: FROM } });
      const noPassword = callContext({ metadata: { host: '127.0.0.1', fromAddress: FROM } });

      expect(await failure(sut.send_email(email, noHost))).toMatchObject({ category: 'NOT_CONNECTED', message: expect.stringContaining('metadata.host') });
      expect(await failure(sut.send_email(email, noPassword))).toMatchObject({ category: 'NOT_CONNECTED', message: expect.stringContaining('password') });
      expect(fake.connections).toBe(0);
    });

    it('should stop at once when the call is cancelled mid-transaction, with the reason it was cancelled for', async () => {
      const stalled = fake.stallNextData();
      const controller = new AbortController();
      const sending = failure(sut.send_email(email, { ...context(), signal: controller.signal }));
      await stalled;
      controller.abort(new Error('run cancelled'));

      expect(await sending).toEqual(new Error('run cancelled'));
    });
  });

  describe('verify_connection', () => {
    it('should log in and report the server without sending anything', async () => {
      const output = await sut.verify_connection({}, context());

      expect(output).toEqual({ verified: true, authenticated: true, host: '127.0.0.1', port: fake.listeningPort, secure: false });
      expect(fake.authAttempts).toBe(1);
      expect(fake.received).toHaveLength(0);
    });

    it('should only check that the server answers when asked not to log in', async () => {
      const output = await sut.verify_connection({ authenticate: false }, context({ password: 'wrong' }));

      expect(output).toMatchObject({ verified: true, authenticated: false });
      expect([fake.connections, fake.authAttempts]).toEqual([1, 0]);
    });

    it('should report bad credentials as REAUTH_REQUIRED', async () => {
      expect(await failure(sut.verify_connection({}, context({ password: 'wrong' })))).toMatchObject({ category: 'REAUTH_REQUIRED' });
    });
  });
});
