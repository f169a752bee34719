import { parseMime, type ParsedMessage } from './parse-mime';
import { ScriptedHttpServer, type RecordedRequest, type ScriptedAnswer } from './scripted-http-server';

export const GMAIL_FAKE_TOKEN = 'ya29.a0-fake-gmail-access-token';
export const GMAIL_FAKE_ACCOUNT = 'marketing@brand.example';

export interface GmailFakeMessage {
  id: string;
  threadId: string;
  labelIds: string[];
  snippet: string;
  /** Milliseconds since the epoch, as a string (Gmail's format). */
  internalDate: string;
  headers: Array<{ name: string; value: string }>;
}

export interface GmailSentMessage extends ParsedMessage {
  id: string;
  /** The decoded RFC 822 source. */
  raw: string;
}

/** Google's error body (https://cloud.google.com/apis/design/errors), v1 `errors[]` included. */
export function googleError(code: number, status: string, reason: string, message: string): object {
  return { error: { code, message, status, errors: [{ message, domain: 'global', reason }] } };
}

const inbox = (id: string, from: string, subject: string, snippet: string, at: string, labels: string[]): GmailFakeMessage => ({
  id,
  threadId: id,
  labelIds: labels,
  snippet,
  internalDate: String(Date.parse(at)),
  headers: [
    { name: 'From', value: from },
    { name: 'To', value: GMAIL_FAKE_ACCOUNT },
    { name: 'Subject', value: subject },
    { name: 'Date', value: new Date(at).toUTCString() },
  ],
});

/** A few of Gmail's search operators (in:, label:, is:, from:, subject:), else a word anywhere. */
function matches(message: GmailFakeMessage, term: string): boolean {
  const [operator, value] = term.includes(':') ? term.split(/:(.*)/) : ['', term];
  const header = (name: string) => message.headers.find((h) => h.name === name)?.value.toLowerCase() ?? '';
  if (['in', 'label', 'is'].includes(operator)) return message.labelIds.some((l) => l.toLowerCase() === value);
  if (operator === 'from' || operator === 'subject') return header(operator === 'from' ? 'From' : 'Subject').includes(value);
  return `${JSON.stringify(message.headers)} ${message.snippet}`.toLowerCase().includes(value);
}

/**
 * A local Gmail REST API (v1): Bearer tokens (401 authError otherwise), users.messages.send
 * with a base64url `raw` RFC 822 message (decoded and kept in `sent`), users.messages.list and
 * get in metadata format, Google's JSON error bodies. 429s, 5xx and slow answers are queued on
 * `server` or with the helpers below. Serves at its origin, like gmail.googleapis.com.
 */
export class GmailFake {
  readonly server = new ScriptedHttpServer((request) => this.route(request));
  readonly sent: GmailSentMessage[] = [];
  readonly messages: GmailFakeMessage[] = [
    inbox('18e1c0ffee000003', 'Jane Doe <jane@example.com>', 'Re: Spring collection', 'Thanks, the new lookbook looks great', '2025-03-04T09:15:00Z', ['INBOX', 'UNREAD']),
    inbox('18e1c0ffee000002', 'Shop <orders@shop.example>', 'Order #1042 confirmed', 'Your order of 3 items has been confirmed', '2025-03-03T17:42:00Z', ['INBOX', 'CATEGORY_UPDATES']),
    inbox('18e1c0ffee000001', 'Alex Kim <alex@agency.example>', 'Newsletter draft for review', 'Attached is the March newsletter draft', '2025-03-02T11:05:00Z', ['INBOX']),
  ];
  private nextId = 0x18f0000000000000n;

  constructor(readonly token = GMAIL_FAKE_TOKEN) {}

  get requests(): RecordedRequest[] {
    return this.server.requests;
  }

  start(): Promise<string> {
    return this.server.start();
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  /** The next request is throttled the way Gmail does it: 429 rateLimitExceeded with Retry-After. */
  rateLimitNext(retryAfter: string): void {
    this.server.enqueue({ status: 429, headers: { 'retry-after': retryAfter }, body: googleError(429, 'RESOURCE_EXHAUSTED', 'rateLimitExceeded', 'Rate Limit Exceeded') });
  }

  /** The next request fails with Google's error body for this status and reason. */
  failNextWith(code: number, status: string, reason: string): void {
    this.server.enqueue({ status: code, body: googleError(code, status, reason, `fake ${reason}`) });
  }

  private route(request: RecordedRequest): ScriptedAnswer {
    if (request.headers.authorization !== `Bearer ${this.token}`) {
      return { status: 401, headers: { 'www-authenticate': 'Bearer realm="https://accounts.google.com/"' }, body: googleError(401, 'UNAUTHENTICATED', 'authError', 'Invalid Credentials') };
    }
    const base = '/gmail/v1/users/me/messages';
    if (request.method === 'POST' && request.path === `${base}/send`) return this.send(request);
    if (request.method === 'GET' && request.path === base) return this.list(request);
    const get = new RegExp(`^${base}/([^/]+)$`).exec(request.path);
    if (request.method === 'GET' && get) return this.get(decodeURIComponent(get[1]), request);
    return { status: 404, body: googleError(404, 'NOT_FOUND', 'notFound', 'Not Found') };
  }

  private send(request: RecordedRequest): ScriptedAnswer {
    const invalid = (message: string) => ({ status: 400, body: googleError(400, 'INVALID_ARGUMENT', 'invalidArgument', message) });
    if (!String(request.headers['content-type']).startsWith('application/json')) return invalid('Media type not supported');
    const raw = (JSON.parse(request.rawBody || '{}') as { raw?: unknown }).raw;
    // base64url only: Gmail refuses '+', '/' and padding-free standard base64 alike.
    if (typeof raw !== 'string' || !/^[A-Za-z0-9_-]+={0,2}$/.test(raw)) return invalid("Invalid value for ByteString: 'raw'");
    const source = Buffer.from(raw, 'base64url').toString('utf8');
    const parsed = parseMime(source);
    if (!parsed.headers.to) return invalid('Recipient address required');
    const id = (this.nextId++).toString(16);
    this.sent.push({ id, raw: source, ...parsed });
    return { status: 200, body: { id, threadId: id, labelIds: ['SENT'] } };
  }

  private list(request: RecordedRequest): ScriptedAnswer {
    const max = Number(request.query.get('maxResults') ?? 100);
    const terms = (request.query.get('q') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    const found = this.messages.filter((m) => terms.every((term) => matches(m, term)));
    if (found.length === 0) return { status: 200, body: { resultSizeEstimate: 0 } };
    return { status: 200, body: { messages: found.slice(0, max).map((m) => ({ id: m.id, threadId: m.threadId })), resultSizeEstimate: found.length } };
  }

  private get(id: string, request: RecordedRequest): ScriptedAnswer {
    const message = this.messages.find((m) => m.id === id);
    if (!message) return { status: 404, body: googleError(404, 'NOT_FOUND', 'notFound', 'Requested entity was not found.') };
    const wanted = request.query.getAll('metadataHeaders').map((h) => h.toLowerCase());
    const headers = request.query.get('format') === 'metadata' && wanted.length ? message.headers.filter((h) => wanted.includes(h.name.toLowerCase())) : message.headers;
    return {
      status: 200,
      body: { id: message.id, threadId: message.threadId, labelIds: message.labelIds, snippet: message.snippet, internalDate: message.internalDate, sizeEstimate: 2048, historyId: '91234', payload: { mimeType: 'text/plain', headers } },
    };
  }
}
