import { createHash } from 'node:crypto';
import { ScriptedHttpServer, type RecordedRequest, type ScriptedAnswer } from './scripted-http-server';

export interface TwilioFakeMessage {
  sid: string;
  account_sid: string;
  api_version: '2010-04-01';
  body: string;
  to: string;
  from: string;
  direction: 'outbound-api';
  status: string;
  num_segments: string;
  num_media: string;
  error_code: number | null;
  error_message: string | null;
  price: string | null;
  price_unit: 'USD';
  date_created: string;
  date_updated: string;
  date_sent: string | null;
  messaging_service_sid: null;
  uri: string;
}

export const TWILIO_FAKE_ACCOUNT = 'AC0123456789abcdef0123456789abcdef';
export const TWILIO_FAKE_AUTH_TOKEN = 'f0e1d2c3b4a5968778695a4b3c2d1e0f';
export const TWILIO_FAKE_FROM = '+15005550006';
/** Twilio's magic test numbers: a landline (21614) and a recipient who replied STOP (21610). */
export const TWILIO_LANDLINE = '+15005550009';
export const TWILIO_OPTED_OUT = '+15005550004';
/** A message sent before the test started, already delivered. */
export const TWILIO_DELIVERED_SID = 'SM1f0e8ae6ade43cb3c0ce4525424e404f';

const rfc2822 = (ms: number) => new Date(ms).toUTCString().replace('GMT', '+0000');
const twilioError = (status: number, code: number, message: string): ScriptedAnswer => ({
  status,
  body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
});

/**
 * A local Twilio REST API (Messages resource, 2010-04-01): HTTP basic auth AccountSid:AuthToken,
 * form-encoded bodies, JSON answers with numeric error codes, I-Twilio-Idempotency-Token
 * deduplication, and messages that are delivered by the time they are read back.
 */
export class TwilioFake {
  readonly server = new ScriptedHttpServer((request) => this.route(request));
  readonly messages = new Map<string, TwilioFakeMessage>();
  private readonly byToken = new Map<string, string>();
  private clock = Date.UTC(2025, 2, 14, 9, 30);

  constructor(readonly accountSid = TWILIO_FAKE_ACCOUNT, readonly authToken = TWILIO_FAKE_AUTH_TOKEN) {
    const delivered = this.message(TWILIO_DELIVERED_SID, '+14155550100', 'Your order has shipped', 0);
    this.messages.set(delivered.sid, Object.assign(delivered, { status: 'delivered', date_sent: delivered.date_created, price: '-0.00790' }));
  }

  get requests(): RecordedRequest[] {
    return this.server.requests;
  }

  start(): Promise<string> {
    return this.server.start();
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  /** Twilio's 429: error 20429, optionally with Retry-After. */
  rateLimitNext(retryAfterSeconds?: number): void {
    const answer = twilioError(429, 20429, 'Too Many Requests');
    this.server.enqueue({ ...answer, headers: retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) } });
  }

  private route(request: RecordedRequest): ScriptedAnswer {
    const expected = `Basic ${Buffer.from(`${this.accountSid}:${this.authToken}`).toString('base64')}`;
    if (request.headers.authorization !== expected) return twilioError(401, 20003, 'Authenticate');
    const base = `/2010-04-01/Accounts/${this.accountSid}/Messages`;
    if (request.method === 'POST' && request.path === `${base}.json`) return this.create(new URLSearchParams(request.rawBody), request.headers['i-twilio-idempotency-token']);
    const read = new RegExp(`^${base}/([A-Za-z0-9]+)\\.json$`).exec(request.path);
    if (request.method === 'GET' && read) return this.fetch(read[1], request.path);
    return twilioError(404, 20404, `The requested resource ${request.path} was not found`);
  }

  private create(form: URLSearchParams, token: string | string[] | undefined): ScriptedAnswer {
    const key = typeof token === 'string' ? token : undefined;
    const earlier = key ? this.byToken.get(key) : undefined;
    if (earlier) return { status: 201, body: this.messages.get(earlier) };
    const to = form.get('To');
    const from = form.get('From');
    const body = form.get('Body') ?? '';
    if (!to) return twilioError(400, 21604, "A 'To' phone number is required.");
    if (!/^\+[1-9]\d{6,14}$/.test(to)) return twilioError(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    if (to === TWILIO_LANDLINE) return twilioError(400, 21614, `'To' number ${to} is not a valid mobile number`);
    if (to === TWILIO_OPTED_OUT) return twilioError(400, 21610, 'Attempt to send to unsubscribed recipient');
    if (from !== TWILIO_FAKE_FROM) return twilioError(400, 21606, `The From phone number ${from} is not a valid, SMS-capable inbound phone number or short code for your account.`);
    if (!body && !form.get('MediaUrl')) return twilioError(400, 21602, 'Message body is required.');
    if (body.length > 1600) return twilioError(400, 21617, 'The concatenated message body exceeds the 1600 character limit.');
    this.clock += 1000;
    const media = form.get('MediaUrl') ? 1 : 0;
    const sid = `${media ? 'MM' : 'SM'}${createHash('sha256').update(`${this.messages.size}:${to}:${body}`).digest('hex').slice(0, 32)}`;
    const message = this.message(sid, to, body, media);
    this.messages.set(sid, message);
    if (key) this.byToken.set(key, sid);
    return { status: 201, body: message };
  }

  private message(sid: string, to: string, body: string, media: number): TwilioFakeMessage {
    return {
      sid,
      account_sid: this.accountSid,
      api_version: '2010-04-01',
      body,
      to,
      from: TWILIO_FAKE_FROM,
      direction: 'outbound-api',
      status: 'queued',
      num_segments: String(body.length <= 160 ? 1 : Math.ceil(body.length / 153)),
      num_media: String(media),
      error_code: null,
      error_message: null,
      price: null,
      price_unit: 'USD',
      date_created: rfc2822(this.clock),
      date_updated: rfc2822(this.clock),
      date_sent: null,
      messaging_service_sid: null,
      uri: `/2010-04-01/Accounts/${this.accountSid}/Messages/${sid}.json`,
    };
  }

  /** The carrier confirms delivery before the first status read. */
  private fetch(sid: string, path: string): ScriptedAnswer {
    const message = this.messages.get(sid);
    if (!message) return twilioError(404, 20404, `The requested resource ${path} was not found`);
    if (message.status === 'queued') Object.assign(message, { status: 'delivered', date_sent: rfc2822(this.clock + 2000), price: '-0.00790' });
    return { status: 200, body: message };
  }
}
