import { bearer, type TestApp } from './app';
import { pollUntil } from './poll';

/** The accounts the social agent posts as, in its configuration's settings. */
export const SOCIAL_SETTINGS = { linkedinAuthor: 'urn:li:organization:2414183', facebookPageId: '104589372918273' };
export const JPEG = 'https://cdn.example.com/spring/linen-shirt.jpg';

export interface RunBody {
  id: string;
  status: string;
  wakeAt: string | null;
  parentRunId: string | null;
  output: Record<string, unknown> | null;
  error: { class: string; message: string } | null;
  toolExecutions: Array<{ tool: string; action: string; status: string; input: Record<string, unknown>; output: unknown }>;
}

export interface ComposedPost {
  network: string;
  socialPostId: string;
  status: string;
  text: string;
  problems?: string[];
  publishRunId?: string;
}

export interface OutboxEntry {
  connector: string;
  action: string;
  input: Record<string, unknown>;
  output: Record<string, unknown>;
}

const FINAL = ['COMPLETED', 'FAILED', 'CANCELLED', 'TIMED_OUT'];

/** What the social specs do over HTTP, as the API's clients would: start runs, decide approvals, read posts and the mock outbox. */
export function socialClient(api: () => Pick<TestApp, 'http' | 'apiKey'>) {
  const http = () => api().http;
  const auth = () => bearer(api().apiKey);
  const run = async (id: string) => (await http().get(`/v1/runs/${id}`).set(auth()).expect(200)).body as RunBody;

  /** The run once it reaches one of `statuses`; a final status it did not expect fails at once, with the run. */
  const untilStatus = async (id: string, statuses: string[], timeoutMs = 30_000) => {
    const seen = await pollUntil(() => run(id), (r) => statuses.includes(r.status) || FINAL.includes(r.status), { timeoutMs, what: `run ${id} to reach ${statuses.join(' or ')}` });
    if (!statuses.includes(seen.status)) throw new Error(`run ${id} ended ${seen.status} instead: ${JSON.stringify(seen.error ?? seen.output)}`);
    return seen;
  };

  return {
    run,
    untilStatus,
    /** The organization's social agent configuration (PUT replaces it whole). */
    configure: (config: object = { settings: SOCIAL_SETTINGS }) => http().put('/v1/agents/social/config').set(auth()).send(config).expect(200),
    compose: (input: object) => http().post('/v1/runs').set(auth()).send({ agent: 'social', mode: 'async', input }),
    /** The social run's pending approval. */
    approvalOf: async (runId: string) => {
      const inbox = (await http().get('/v1/approvals?status=pending&limit=100').set(auth()).expect(200)).body as { items: Array<{ id: string; runId: string; title: string; payload: Record<string, unknown> }> };
      const approval = inbox.items.find((a) => a.runId === runId);
      if (!approval) throw new Error(`no pending approval for run ${runId}`);
      return approval;
    },
    decide: (runId: string, approvalId: string, body: object) => http().post(`/v1/runs/${runId}/approvals/${approvalId}`).set(auth()).send(body).expect(200),
    /** Every publish run the social run started, finished. */
    publications: (posts: ComposedPost[]) => Promise.all(posts.filter((p) => p.publishRunId).map((p) => untilStatus(p.publishRunId!, ['COMPLETED']))),
    post: async (id: string) => (await http().get(`/v1/social-posts/${id}`).set(auth()).expect(200)).body as Record<string, unknown>,
    outbox: async () => (await http().get('/v1/connectors/mock/outbox').set(auth()).expect(200)).body as OutboxEntry[],
    clearOutbox: () => http().delete('/v1/connectors/mock/outbox').set(auth()).expect(204),
  };
}

export const postsOf = (run: RunBody) => (run.output as { posts: ComposedPost[] }).posts;
export const byNetwork = <T extends { network: string }>(items: T[]) => Object.fromEntries(items.map((item) => [item.network, item])) as Record<string, T>;
