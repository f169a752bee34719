/**
 * Every Redis key and pub/sub channel NeonHub uses, in one place, so the whole key space (and
 * what may grow in it) reads on one page.
 *
 * Redis Cluster rule: a command, MULTI or script that touches several keys must find them in one
 * hash slot, or the cluster answers CROSSSLOT. A key's slot is CRC16 of its hash tag (the text
 * between its first `{` and the next `}`) when it has one, else of the whole key. So every key
 * used together with another carries the same tag; a key only ever used alone needs none, and is
 * left without one so the cluster spreads those keys over all its nodes. Changing a key here
 * orphans what is stored under the old one: keep the names stable.
 */
const ROOT = 'neonhub';

/**
 * BullMQ's prefix for one queue: its keys are `<prefix>:<queue>:<suffix>` (wait, active, the job
 * hashes, ...) and its scripts touch many of them at once, so the prefix carries a hash tag. The
 * tag is the queue's own name rather than one shared tag: each queue then sits in a slot of its
 * own and the queues spread over the cluster's nodes. That is safe because no BullMQ operation of
 * ours spans two queues: a run moves from agent.run to a stage queue by a plain add, and there
 * are no flows (parent and child jobs in different queues would need one shared tag). The queue's
 * name itself is unchanged, so metrics and dashboards keep their labels.
 */
export function queuePrefix(queue: string): string {
  return `${ROOT}:{${queue}}`;
}

/** True when `prefix` is the one queuePrefix gives `queue`, the check that a queue was registered through it. */
export function isQueuePrefix(queue: string, prefix: string | undefined): boolean {
  return prefix === queuePrefix(queue);
}

/**
 * The two keys of an organization's run semaphore (organization-run-slots.ts): both scripts touch
 * both, so both carry the organization as their tag.
 */
export function organizationRunSlotKeys(organizationId: string): { held: string; parked: string } {
  return { held: `${ROOT}:org-runs:{${organizationId}}:held`, parked: `${ROOT}:org-runs:{${organizationId}}:parked` };
}

/**
 * Prefixes of the rate-limiter-flexible counters (KeyedRateLimiter); the library appends
 * `:<key>` and touches one key per command, so no tag is needed. A budget in the prefix keeps
 * processes configured differently from reading each other's counters.
 */
export const rateLimiterPrefixes = {
  authFailures: (limit: number, windowSeconds: number) => `${ROOT}:rl:auth-failures:${limit}:${windowSeconds}`,
  runs: (pointsPerMinute: number) => `${ROOT}:rl:runs:${pointsPerMinute}`,
  connector: () => `${ROOT}:rl:connector`,
  apiKeyRequests: (limit: number, windowSeconds: number) => `${ROOT}:rl:api-key:${limit}:${windowSeconds}`,
};

/** An organization's model tokens for a month (token-budget.ts): one key per script call. */
export function tokenBudgetKey(organizationId: string, month: string): string {
  return `${ROOT}:llm:tokens:${organizationId}:${month}`;
}

/** The lock one process holds while it refreshes a connection's OAuth tokens (refresh-lock.ts). */
export function connectorRefreshLockKey(connectionId: string): string {
  return `${ROOT}:connector-auth:refresh:${connectionId}`;
}

/** A spent OAuth state nonce, kept until the state would have expired (oauth-state-nonces.ts). */
export function oauthStateNonceKey(nonce: string): string {
  return `${ROOT}:oauth-state:${nonce}`;
}

/** What the mock connectors remember (mock-state.ts); each MULTI there touches one key. */
export function mockStateKey(kind: 'seq' | 'idem' | 'outbox' | 'facts' | 'failures', organizationId: string, extra = ''): string {
  return `${ROOT}:mock:${kind}:${organizationId}${extra}`;
}

/**
 * Pub/sub channels are not keys and have no slot: a PUBLISH on a cluster reaches subscribers on
 * every node. Listed here so the whole namespace reads in one place.
 */
export const redisChannels = {
  /** One run's events, followed by the API processes streaming them. */
  runEvents: (runId: string) => `${ROOT}:run-events:${runId}`,
  /** A run's cancellation, for the worker running it. */
  runCancel: `${ROOT}:runs:cancel`,
  /** An organization's webhook subscriptions changed: caches drop it. */
  webhooksChanged: `${ROOT}:webhooks:changed`,
} as const;
