import { ScriptedHttpServer, type RecordedRequest, type ScriptedAnswer } from './scripted-http-server';

export const X_FAKE_TOKEN = 'VGhpcyBpcyBhIGZha2UgdXNlciBhY2Nlc3MgdG9rZW4';
export const X_FAKE_USER_ID = '1600000000000000001';
export const X_FAKE_POST = '1879012345678901234';

const PROBLEMS = 'https://api.twitter.com/2/problems/';

/** X's 429: problem JSON and the window's end as epoch seconds in x-rate-limit-reset. */
export function xRateLimited(resetEpochSeconds: number): ScriptedAnswer {
  return {
    status: 429,
    headers: { 'x-rate-limit-limit': '100', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(resetEpochSeconds) },
    body: { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 },
  };
}

export function xProblem(status: number, type: string, detail = type): ScriptedAnswer {
  return { status, body: { title: type, detail, type: type === 'about:blank' ? type : `${PROBLEMS}${type}`, status } };
}

const post = (id: string, i: number) => ({
  id,
  text: `Post number ${i} about the spring collection`,
  created_at: new Date(Date.UTC(2025, 0, 14, 9, 30) - i * 3_600_000).toISOString(),
  edit_history_tweet_ids: [id],
  public_metrics: { retweet_count: 9 + i, reply_count: 4, like_count: 52 + i, quote_count: 1, bookmark_count: 6, impression_count: 1_840 + i * 10 },
});

const TIMELINE = Array.from({ length: 8 }, (_, i) => post(String(BigInt(X_FAKE_POST) - BigInt(i * 1000)), i));

/**
 * A local X API v2: checks the user's bearer token, publishes posts (refusing duplicate text with
 * 403 like X), reads posts with public_metrics (a missing one as 200 with errors), the user's
 * timeline and /2/users/me, and answers 429 with x-rate-limit-reset, 5xx or slowly on demand.
 */
export class XFake {
  readonly server = new ScriptedHttpServer((request) => this.route(request));
  private readonly published = new Map<string, ReturnType<typeof post>>();

  get requests(): RecordedRequest[] {
    return this.server.requests;
  }

  start(): Promise<string> {
    return this.server.start();
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  reset(): void {
    this.server.reset();
    this.published.clear();
  }

  private route(request: RecordedRequest): ScriptedAnswer {
    if (request.headers.authorization !== `Bearer ${X_FAKE_TOKEN}`) return { status: 401, body: { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' } };
    if (request.method === 'POST' && request.path === '/2/tweets') return this.publish(JSON.parse(request.rawBody || '{}') as { text?: string });
    if (request.method === 'GET' && request.path === '/2/users/me') return { status: 200, body: { data: { id: X_FAKE_USER_ID, name: 'NeonHub Apparel', username: 'neonhub' } } };
    const timeline = /^\/2\/users\/(\d+)\/tweets$/.exec(request.path);
    if (request.method === 'GET' && timeline) return this.timeline(timeline[1], request.query);
    const single = /^\/2\/tweets\/(\d+)$/.exec(request.path);
    if (request.method === 'GET' && single) return this.read(single[1]);
    return xProblem(404, 'about:blank', 'Not Found');
  }

  private publish(body: { text?: string }): ScriptedAnswer {
    if (!body.text) return { status: 400, body: { errors: [{ parameters: { text: [] }, message: 'text is required' }], title: 'Invalid Request', type: `${PROBLEMS}invalid-request` } };
    if ([...this.published.values()].some((p) => p.text === body.text)) {
      return { status: 403, body: { detail: 'You are not allowed to create a Tweet with duplicate content.', type: 'about:blank', title: 'Forbidden', status: 403 } };
    }
    const id = String(BigInt(X_FAKE_POST) + BigInt(this.published.size + 1));
    this.published.set(id, { ...post(id, 0), text: body.text });
    return { status: 201, body: { data: { id, text: body.text, edit_history_tweet_ids: [id] } } };
  }

  private read(id: string): ScriptedAnswer {
    const found = this.published.get(id) ?? TIMELINE.find((p) => p.id === id);
    if (!found) {
      return {
        status: 200,
        body: { errors: [{ value: id, detail: `Could not find tweet with id: [${id}].`, title: 'Not Found Error', resource_type: 'tweet', parameter: 'id', resource_id: id, type: `${PROBLEMS}resource-not-found` }] },
      };
    }
    const { edit_history_tweet_ids: _history, ...withFields } = found;
    return { status: 200, body: { data: withFields } };
  }

  private timeline(userId: string, query: URLSearchParams): ScriptedAnswer {
    const max = Number(query.get('max_results') ?? 10);
    if (!Number.isInteger(max) || max < 5 || max > 100) return xProblem(400, 'invalid-request', 'The `max_results` query parameter value is not between 5 and 100');
    if (userId !== X_FAKE_USER_ID) return { status: 200, body: { meta: { result_count: 0 } } };
    const data = TIMELINE.slice(0, max);
    return { status: 200, body: { data, meta: { result_count: data.length, newest_id: data[0].id, oldest_id: data[data.length - 1].id } } };
  }
}
