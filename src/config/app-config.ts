import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/project-root';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ConfigurationError } from './app-config-error';
import { ConnectorsConfig, loadConnectorsConfig } from './connectors-config';
import { EnvironmentVariables } from './environment';
import { GovernanceConfig, loadGovernanceConfig } from './governance-config';
import { HttpProtectionConfig, loadHttpProtectionConfig } from './http-protection-config';
import { KnowledgeConfig, loadKnowledgeConfig } from './knowledge-config';
import { LlmConfig, loadLlmConfig } from './llm-config';
import { loadRedisClusterConfig, type RedisClusterConfig } from './redis-config';
import { loadWebhooksConfig, WebhooksConfig } from './webhooks-config';

/** The typed configuration every other module reads; nothing else touches process.env. */
export interface AppConfig {
  nodeEnv: EnvironmentVariables['NODE_ENV'];
  port: number;
  workerPort: number;
  /** Undefined means: run on the embedded PGlite database under dataDir. */
  databaseUrl?: string;
  databasePoolSize: number;
  redisUrl: string;
  /** REDIS_CLUSTER_NODES: connect to a Redis Cluster; REDIS_URL then supplies only credentials and TLS. */
  redisCluster?: RedisClusterConfig;
  dataDir: string;
  logLevel: EnvironmentVariables['LOG_LEVEL'];
  seedApiKey?: string;
  bodyLimitBytes: number;
  /** Time to receive a whole request (headers and body); the handling after that is not timed. */
  requestTimeoutMs: number;
  shutdownTimeoutMs: number;
  version: string;
  runs: RunPolicyConfig;
  worker: { concurrency: number; stageConcurrency: number; lockMs: number };
  /** The admin key of the worker's queue dashboard at /queues; undefined = no dashboard. */
  queueDashboardKey?: string;
  echoAgentEnabled: boolean;
  /** The built-in `ask` agent: question answering over the knowledge base, a deployment's model smoke test. */
  askAgentEnabled: boolean;
  /** Bounds of what an organization may set in an agent's configuration. */
  agents: { maxTemperature: number };
  auth: AuthConfig;
  /** Fastify's trustProxy: false = the socket's address is the client's; else which proxies' X-Forwarded-For to believe. */
  trustProxy: boolean | number | string[];
  connectors: ConnectorsConfig;
  /** NEONHUB_ENCRYPTION_KEYS, parsed by the vault; unset outside production = a development key under dataDir. */
  encryptionKeys?: string;
  llm: LlmConfig;
  knowledge: KnowledgeConfig;
  /** Schedules: the smallest interval between two ticks a cron may ask for. */
  schedules: { minIntervalSeconds: number };
  webhooks: WebhooksConfig;
  /** Retention periods and exports (src/modules/governance). */
  governance: GovernanceConfig;
  /** CORS origins and the per-API-key request limit. */
  httpProtection: HttpProtectionConfig;
}

/** Orchestration policy defaults (the numbers come from the product's policy: 60/min, 3 failures, 10 s, 3 attempts, 75 ms, 30 s). */
export interface RunPolicyConfig {
  timeoutMs: number;
  rateLimitPerMinute: number;
  leaseMs: number;
  maxAttempts: number;
  retryBaseDelayMs: number;
  circuitFailureThreshold: number;
  circuitHalfOpenAfterMs: number;
  /** Async runs of one organization executing at once across workers, unless the organization sets its own. */
  maxConcurrentPerOrganization: number;
}

/** Failed authentications allowed per client address and window; successes never count. */
export interface AuthConfig {
  failureLimit: number;
  failureWindowSeconds: number;
}

export { ConfigurationError };
export type { GovernanceConfig, HttpProtectionConfig, KnowledgeConfig, LlmConfig, RedisClusterConfig, WebhooksConfig };

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // An empty variable means "not set": `PORT=` keeps the default rather than failing.
  const defined = withKeyRingFromFile(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')));
  const vars = plainToInstance(EnvironmentVariables, defined, { exposeDefaultValues: true });
  const errors = validateSync(vars, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    const first = errors[0];
    const message = Object.values(first.constraints ?? {})[0] ?? `${first.property} is invalid`;
    // URLs and keys may carry credentials: name the variable, never echo its value.
    const shown = /URL|KEY|SECRET|PASSWORD/.test(first.property) ? '' : ` (got ${JSON.stringify(first.value)})`;
    throw new ConfigurationError(`Invalid configuration: ${message}${shown}`);
  }
  // Checked here, not where the vault is built, so it is one line naming the variable like every other.
  if (vars.NODE_ENV === 'production' && !vars.NEONHUB_ENCRYPTION_KEYS) {
    throw new ConfigurationError(
      'Invalid configuration: NEONHUB_ENCRYPTION_KEYS must be set in production (comma-separated <id>:<base64 of 32 bytes>), or NEONHUB_ENCRYPTION_KEYS_FILE name a file holding it',
    );
  }
  return {
    nodeEnv: vars.NODE_ENV,
    port: vars.PORT,
    workerPort: vars.WORKER_PORT,
    databaseUrl: vars.DATABASE_URL,
    databasePoolSize: vars.DATABASE_POOL_SIZE,
    redisUrl: vars.REDIS_URL,
    redisCluster: loadRedisClusterConfig(vars),
    dataDir: vars.NEONHUB_DATA_DIR,
    logLevel: vars.LOG_LEVEL,
    seedApiKey: vars.SEED_API_KEY,
    bodyLimitBytes: vars.BODY_LIMIT_BYTES,
    requestTimeoutMs: vars.HTTP_REQUEST_TIMEOUT_MS,
    shutdownTimeoutMs: vars.SHUTDOWN_TIMEOUT_MS,
    version: packageVersion(),
    runs: {
      timeoutMs: vars.RUN_TIMEOUT_MS,
      rateLimitPerMinute: vars.RUN_RATE_LIMIT_PER_MINUTE,
      leaseMs: vars.RUN_LEASE_MS,
      maxAttempts: vars.RUN_MAX_ATTEMPTS,
      retryBaseDelayMs: vars.RETRY_BASE_DELAY_MS,
      circuitFailureThreshold: vars.CIRCUIT_FAILURE_THRESHOLD,
      circuitHalfOpenAfterMs: vars.CIRCUIT_HALF_OPEN_AFTER_MS,
      maxConcurrentPerOrganization: vars.ORGANIZATION_MAX_CONCURRENT_RUNS,
    },
    worker: { concurrency: vars.WORKER_CONCURRENCY, stageConcurrency: vars.WORKER_STAGE_CONCURRENCY, lockMs: vars.WORKER_LOCK_MS },
    queueDashboardKey: vars.QUEUE_DASHBOARD_KEY,
    echoAgentEnabled: vars.ECHO_AGENT_ENABLED,
    askAgentEnabled: vars.ASK_AGENT_ENABLED,
    agents: { maxTemperature: vars.AGENT_MAX_TEMPERATURE },
    auth: { failureLimit: vars.AUTH_FAILURE_LIMIT, failureWindowSeconds: vars.AUTH_FAILURE_WINDOW_SECONDS },
    trustProxy: parseTrustProxy(vars.TRUST_PROXY),
    connectors: loadConnectorsConfig(defined),
    encryptionKeys: vars.NEONHUB_ENCRYPTION_KEYS,
    llm: loadLlmConfig(vars),
    knowledge: loadKnowledgeConfig(vars),
    schedules: { minIntervalSeconds: vars.SCHEDULE_MIN_INTERVAL_SECONDS },
    webhooks: loadWebhooksConfig(vars),
    governance: loadGovernanceConfig(defined),
    httpProtection: loadHttpProtectionConfig(vars),
  };
}

/**
 * NEONHUB_ENCRYPTION_KEYS_FILE names a file holding the key ring (Docker and Kubernetes mount
 * secrets as files); its content then stands for NEONHUB_ENCRYPTION_KEYS and is validated as such.
 */
function withKeyRingFromFile(defined: Record<string, string | undefined>): Record<string, string | undefined> {
  const file = defined.NEONHUB_ENCRYPTION_KEYS_FILE;
  if (!file) return defined;
  if (defined.NEONHUB_ENCRYPTION_KEYS) {
    throw new ConfigurationError('Invalid configuration: set NEONHUB_ENCRYPTION_KEYS or NEONHUB_ENCRYPTION_KEYS_FILE, not both');
  }
  let ring: string;
  try {
    ring = readFileSync(file, 'utf8').trim();
  } catch (error) {
    throw new ConfigurationError(`Invalid configuration: NEONHUB_ENCRYPTION_KEYS_FILE cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}: ${file})`);
  }
  if (!ring) throw new ConfigurationError(`Invalid configuration: NEONHUB_ENCRYPTION_KEYS_FILE is empty (${file})`);
  return { ...defined, NEONHUB_ENCRYPTION_KEYS: ring };
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

function parseTrustProxy(value: string): AppConfig['trustProxy'] {
  if (value === 'true' || value === 'false') return value === 'true';
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((entry) => entry.trim());
}
