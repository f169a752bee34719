import { ScriptedHttpServer, type RecordedRequest, type ScriptedAnswer } from './scripted-http-server';

export const OUTLOOK_FAKE_TOKEN = 'eyJ0eXAiOiJKV1QiLCJub25jZSI6ImZha2UifQ.fake-graph-access-token';

export interface GraphFakeMessage {
  id: string;
  conversationId: string;
  subject: string;
  from: { emailAddress: { name: string; address: string } };
  receivedDateTime: string;
  bodyPreview: string;
  isRead: boolean;
}

/** What a sendMail call asked Graph to send. */
export interface GraphSentMail {
  message: {
    subject: string;
    body: { contentType: 'Text' | 'HTML'; content: string };
    toRecipients: Array<{ emailAddress: { address: string } }>;
    ccRecipients?: Array<{ emailAddress: { address: string } }>;
    replyTo?: Array<{ emailAddress: { address: string } }>;
  };
  saveToSentItems?: boolean;
  requestId: string;
}

/** Graph's error body: { error: { code, message, innerError } }. */
export function graphError(code: string, message: string): object {
  return { error: { code, message, innerError: { date: '2025-03-04T09:15:00', 'request-id': '00000000-0000-4000-a000-000000000000' } } };
}

const message = (n: number, name: string, address: string, subject: string, preview: string, at: string, isRead: boolean): GraphFakeMessage => ({
  id: `AAMkAGI2THVSAAA${n}=`,
  conversationId: `AAQkAGI2THVSCCC${n}=`,
  subject,
  from: { emailAddress: { name, address } },
  receivedDateTime: at,
  bodyPreview: preview,
  isRead,
});

/**
 * A local Microsoft Graph (v1.0) for mail: Bearer tokens (401 InvalidAuthenticationToken
 * otherwise), POST /me/sendMail answering 202 with a request-id header and keeping what was
 * sent, GET /me/messages with $top, $select, $orderby and $search. Errors in Graph's shape; 429s,
 * 5xx and slow answers are queued on `server`. The provider's base URL is `${origin}/v1.0`.
 */
export class OutlookFake {
  readonly server = new ScriptedHttpServer((request) => this.route(request));
  readonly sent: GraphSentMail[] = [];
  readonly messages: GraphFakeMessage[] = [
    message(3, 'Jane Doe', 'jane@example.com', 'Re: Spring collection', 'Thanks, the new lookbook looks great', '2025-03-04T09:15:00Z', false),
    message(1, 'Alex Kim', 'alex@agency.example', 'Newsletter draft for review', 'Attached is the March newsletter draft', '2025-03-02T11:05:00Z', true),
    message(2, 'Shop', 'orders@shop.example', 'Order #1042 confirmed', 'Your order of 3 items has been confirmed', '2025-03-03T17:42:00Z', true),
  ];
  private sequence = 0;

  constructor(readonly token = OUTLOOK_FAKE_TOKEN) {}

  get requests(): RecordedRequest[] {
    return this.server.requests;
  }

  async start(): Promise<string> {
    return `${await this.server.start()}/v1.0`;
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  /** Graph throttling: 429 TooManyRequests with Retry-After in seconds. */
  throttleNext(retryAfterSeconds: number): void {
    this.server.enqueue({ status: 429, headers: { 'retry-after': String(retryAfterSeconds) }, body: graphError('TooManyRequests', 'Too many requests') });
  }

  failNextWith(status: number, code: string): void {
    this.server.enqueue({ status, body: graphError(code, `fake ${code}`) });
  }

  private route(request: RecordedRequest): ScriptedAnswer {
    if (request.headers.authorization !== `Bearer ${this.token}`) {
      return { status: 401, body: graphError('InvalidAuthenticationToken', 'Access token is empty or invalid.') };
    }
    if (request.method === 'POST' && request.path === '/v1.0/me/sendMail') return this.send(request);
    if (request.method === 'GET' && request.path === '/v1.0/me/messages') return this.list(request);
    return { status: 404, body: graphError('ResourceNotFound', 'Resource not found for the segment.') };
  }

  private send(request: RecordedRequest): ScriptedAnswer {
    const body = JSON.parse(request.rawBody || '{}') as Omit<GraphSentMail, 'requestId'>;
    const to = body.message?.toRecipients ?? [];
    if (!body.message?.body || to.length === 0 || to.some((r) => !r.emailAddress?.address?.includes('@'))) {
      return { status: 400, body: graphError('ErrorInvalidRecipients', 'At least one recipient is not valid.') };
    }
    this.sequence += 1;
    const requestId = `5c3f2a9e-0000-4000-a000-${String(this.sequence).padStart(12, '0')}`;
    this.sent.push({ ...body, requestId });
    return { status: 202, headers: { 'request-id': requestId, 'client-request-id': String(request.headers['client-request-id'] ?? '') } };
  }

  private list(request: RecordedRequest): ScriptedAnswer {
    const search = request.query.get('$search');
    if (search && request.query.get('$orderby')) {
      return { status: 400, body: graphError('ErrorInvalidUrlQuery', 'The query parameter $orderby is invalid with $search.') };
    }
    const term = search?.replace(/^"|"$/g, '').replace(/^[a-z]+:/i, '').toLowerCase();
    const found = [...this.messages]
      .sort((a, b) => b.receivedDateTime.localeCompare(a.receivedDateTime))
      .filter((m) => !term || `${m.subject} ${m.bodyPreview} ${m.from.emailAddress.address} ${m.from.emailAddress.name}`.toLowerCase().includes(term));
    const fields = (request.query.get('$select') ?? '').split(',').filter(Boolean);
    const pick = (m: GraphFakeMessage) => (fields.length ? Object.fromEntries(fields.map((f) => [f, m[f as keyof GraphFakeMessage]])) : m);
    return { status: 200, body: { '@odata.context': "https://graph.microsoft.com/v1.0/$metadata#users('me')/messages", value: found.slice(0, Number(request.query.get('$top') ?? 10)).map(pick) } };
  }
}
