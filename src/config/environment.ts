import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { HttpProtectionVariables } from './http-protection-config';

export const NODE_ENVS = ['development', 'production', 'test'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const LLM_PROVIDERS = ['offline', 'openai', 'openai-compatible', 'anthropic'] as const;

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
const PROXY_ADDRESS = String.raw`(?:[0-9A-Fa-f.:]+(?:\/\d{1,3})?|loopback|linklocal|uniquelocal)`;
const TRUST_PROXY_FORM = new RegExp(String.raw`^(?:true|false|\d{1,2}|${PROXY_ADDRESS}(?:\s*,\s*${PROXY_ADDRESS})*)$`);
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);
const toNumber = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;

/**
 * Every environment variable the service reads, with its expected form. The `message` of each
 * rule is what an operator sees on a bad value, so it names the variable and the form.
 * Documented for operators in config/.env.example.
 */
export class EnvironmentVariables extends HttpProtectionVariables {
  @IsOptional()
  @IsIn(NODE_ENVS, { message: `NODE_ENV must be one of ${NODE_ENVS.join(', ')}` })
  NODE_ENV: (typeof NODE_ENVS)[number] = 'development';

  @Transform(toInt)
  @IsInt({ message: 'PORT must be an integer between 0 and 65535' })
  @Min(0, { message: 'PORT must be an integer between 0 and 65535' })
  @Max(65535, { message: 'PORT must be an integer between 0 and 65535' })
  PORT = 3000;

  @Transform(toInt)
  @IsInt({ message: 'WORKER_PORT must be an integer between 0 and 65535' })
  @Min(0, { message: 'WORKER_PORT must be an integer between 0 and 65535' })
  @Max(65535, { message: 'WORKER_PORT must be an integer between 0 and 65535' })
  WORKER_PORT = 3001;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgresql:// URL' })
  DATABASE_URL?: string;

  @Transform(toInt)
  @IsInt({ message: 'DATABASE_POOL_SIZE must be an integer between 1 and 100' })
  @Min(1, { message: 'DATABASE_POOL_SIZE must be an integer between 1 and 100' })
  @Max(100, { message: 'DATABASE_POOL_SIZE must be an integer between 1 and 100' })
  DATABASE_POOL_SIZE = 10;

  @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** host:port,host:port of a Redis Cluster's nodes; parsed (and checked against REDIS_URL) in redis-config.ts. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString({ message: 'REDIS_CLUSTER_NODES must be a comma-separated list of host:port' })
  REDIS_CLUSTER_NODES?: string;

  @IsString({ message: 'NEONHUB_DATA_DIR must be a directory path' })
  @MinLength(1, { message: 'NEONHUB_DATA_DIR must be a directory path' })
  NEONHUB_DATA_DIR = '.data';

  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^nh_[A-Za-z0-9_-]{32,}$/, { message: 'SEED_API_KEY must look like nh_ followed by at least 32 URL-safe characters' })
  SEED_API_KEY?: string;

  @Transform(toInt)
  @IsInt({ message: 'BODY_LIMIT_BYTES must be an integer between 1024 and 104857600' })
  @Min(1024, { message: 'BODY_LIMIT_BYTES must be an integer between 1024 and 104857600' })
  @Max(104857600, { message: 'BODY_LIMIT_BYTES must be an integer between 1024 and 104857600' })
  BODY_LIMIT_BYTES = 1024 * 1024;

  @Transform(toInt)
  @IsInt({ message: 'SHUTDOWN_TIMEOUT_MS must be an integer between 1000 and 60000' })
  @Min(1000, { message: 'SHUTDOWN_TIMEOUT_MS must be an integer between 1000 and 60000' })
  @Max(60000, { message: 'SHUTDOWN_TIMEOUT_MS must be an integer between 1000 and 60000' })
  SHUTDOWN_TIMEOUT_MS = 8000;

  /**
   * Time a client gets to send a whole request (headers and body); a stalled one gets 408 and the
   * connection is closed. Only receipt is timed, never the answer: a sync run may take RUN_TIMEOUT_MS.
   */
  @Transform(toInt)
  @IsInt({ message: 'HTTP_REQUEST_TIMEOUT_MS must be an integer between 1000 and 600000' })
  @Min(1000, { message: 'HTTP_REQUEST_TIMEOUT_MS must be an integer between 1000 and 600000' })
  @Max(600000, { message: 'HTTP_REQUEST_TIMEOUT_MS must be an integer between 1000 and 600000' })
  HTTP_REQUEST_TIMEOUT_MS = 30000;

  /** Default run timeout; agents may override it. */
  @Transform(toInt)
  @IsInt({ message: 'RUN_TIMEOUT_MS must be an integer between 100 and 3600000' })
  @Min(100, { message: 'RUN_TIMEOUT_MS must be an integer between 100 and 3600000' })
  @Max(3600000, { message: 'RUN_TIMEOUT_MS must be an integer between 100 and 3600000' })
  RUN_TIMEOUT_MS = 30000;

  /** Runs per minute per (agent, user), enforced in Redis across processes. */
  @Transform(toInt)
  @IsInt({ message: 'RUN_RATE_LIMIT_PER_MINUTE must be an integer between 1 and 1000000' })
  @Min(1, { message: 'RUN_RATE_LIMIT_PER_MINUTE must be an integer between 1 and 1000000' })
  @Max(1000000, { message: 'RUN_RATE_LIMIT_PER_MINUTE must be an integer between 1 and 1000000' })
  RUN_RATE_LIMIT_PER_MINUTE = 60;

  /** How long a RUNNING run stays claimed without a renewal before the sweeper takes it back. */
  @Transform(toInt)
  @IsInt({ message: 'RUN_LEASE_MS must be an integer between 1000 and 600000' })
  @Min(1000, { message: 'RUN_LEASE_MS must be an integer between 1000 and 600000' })
  @Max(600000, { message: 'RUN_LEASE_MS must be an integer between 1000 and 600000' })
  RUN_LEASE_MS = 30000;

  /** Attempts per run: retries of retryable failures, and recoveries after a crash. */
  @Transform(toInt)
  @IsInt({ message: 'RUN_MAX_ATTEMPTS must be an integer between 1 and 10' })
  @Min(1, { message: 'RUN_MAX_ATTEMPTS must be an integer between 1 and 10' })
  @Max(10, { message: 'RUN_MAX_ATTEMPTS must be an integer between 1 and 10' })
  RUN_MAX_ATTEMPTS = 3;

  /** First retry delay; later ones grow exponentially with jitter. */
  @Transform(toInt)
  @IsInt({ message: 'RETRY_BASE_DELAY_MS must be an integer between 1 and 60000' })
  @Min(1, { message: 'RETRY_BASE_DELAY_MS must be an integer between 1 and 60000' })
  @Max(60000, { message: 'RETRY_BASE_DELAY_MS must be an integer between 1 and 60000' })
  RETRY_BASE_DELAY_MS = 75;

  /** Consecutive failed runs of one agent that open its circuit. */
  @Transform(toInt)
  @IsInt({ message: 'CIRCUIT_FAILURE_THRESHOLD must be an integer between 1 and 100' })
  @Min(1, { message: 'CIRCUIT_FAILURE_THRESHOLD must be an integer between 1 and 100' })
  @Max(100, { message: 'CIRCUIT_FAILURE_THRESHOLD must be an integer between 1 and 100' })
  CIRCUIT_FAILURE_THRESHOLD = 3;

  /** How long an open circuit rejects runs before one half-open probe. */
  @Transform(toInt)
  @IsInt({ message: 'CIRCUIT_HALF_OPEN_AFTER_MS must be an integer between 100 and 3600000' })
  @Min(100, { message: 'CIRCUIT_HALF_OPEN_AFTER_MS must be an integer between 100 and 3600000' })
  @Max(3600000, { message: 'CIRCUIT_HALF_OPEN_AFTER_MS must be an integer between 100 and 3600000' })
  CIRCUIT_HALF_OPEN_AFTER_MS = 10000;

  /**
   * Async runs of one organization executing at once on all workers together (organizations.max_concurrent_runs
   * overrides it per organization). Below WORKER_CONCURRENCY, so one organization's burst leaves
   * the rest of a worker's slots to the others.
   */
  @Transform(toInt)
  @IsInt({ message: 'ORGANIZATION_MAX_CONCURRENT_RUNS must be an integer between 1 and 1000' })
  @Min(1, { message: 'ORGANIZATION_MAX_CONCURRENT_RUNS must be an integer between 1 and 1000' })
  @Max(1000, { message: 'ORGANIZATION_MAX_CONCURRENT_RUNS must be an integer between 1 and 1000' })
  ORGANIZATION_MAX_CONCURRENT_RUNS = 4;

  /** Runs one worker process executes at once. */
  @Transform(toInt)
  @IsInt({ message: 'WORKER_CONCURRENCY must be an integer between 1 and 1000' })
  @Min(1, { message: 'WORKER_CONCURRENCY must be an integer between 1 and 1000' })
  @Max(1000, { message: 'WORKER_CONCURRENCY must be an integer between 1 and 1000' })
  WORKER_CONCURRENCY = 16;

  /** Runs one worker process executes at once on each stage queue (email.send, social.publish, ...), besides agent.run's. */
  @Transform(toInt)
  @IsInt({ message: 'WORKER_STAGE_CONCURRENCY must be an integer between 1 and 100' })
  @Min(1, { message: 'WORKER_STAGE_CONCURRENCY must be an integer between 1 and 100' })
  @Max(100, { message: 'WORKER_STAGE_CONCURRENCY must be an integer between 1 and 100' })
  WORKER_STAGE_CONCURRENCY = 4;

  /** BullMQ job lock; a worker that stops renewing it (killed) has its job recovered after this. */
  @Transform(toInt)
  @IsInt({ message: 'WORKER_LOCK_MS must be an integer between 1000 and 600000' })
  @Min(1000, { message: 'WORKER_LOCK_MS must be an integer between 1000 and 600000' })
  @Max(600000, { message: 'WORKER_LOCK_MS must be an integer between 1000 and 600000' })
  WORKER_LOCK_MS = 30000;

  /**
   * The admin key of the worker's queue dashboard (/queues), sent as a Bearer token or as HTTP
   * Basic's password (a browser's login box); unset, the dashboard is not mounted. No spaces, so it
   * survives both headers; 32 characters at least, since the key is the dashboard's only lock.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[\x21-\x7e]{32,}$/, { message: 'QUEUE_DASHBOARD_KEY must be at least 32 printable ASCII characters without spaces' })
  QUEUE_DASHBOARD_KEY?: string;

  /** Failed authentications (a key presented and refused) per client address and window, across processes. */
  @Transform(toInt)
  @IsInt({ message: 'AUTH_FAILURE_LIMIT must be an integer between 1 and 1000000' })
  @Min(1, { message: 'AUTH_FAILURE_LIMIT must be an integer between 1 and 1000000' })
  @Max(1000000, { message: 'AUTH_FAILURE_LIMIT must be an integer between 1 and 1000000' })
  AUTH_FAILURE_LIMIT = 20;

  /** The window AUTH_FAILURE_LIMIT counts over; an address that reached it is refused until the window ends. */
  @Transform(toInt)
  @IsInt({ message: 'AUTH_FAILURE_WINDOW_SECONDS must be an integer between 1 and 86400' })
  @Min(1, { message: 'AUTH_FAILURE_WINDOW_SECONDS must be an integer between 1 and 86400' })
  @Max(86400, { message: 'AUTH_FAILURE_WINDOW_SECONDS must be an integer between 1 and 86400' })
  AUTH_FAILURE_WINDOW_SECONDS = 60;

  /** Which hops' X-Forwarded-For to believe for the client address (Fastify's trustProxy). */
  @Matches(TRUST_PROXY_FORM, {
    message: 'TRUST_PROXY must be false, true, a number of proxy hops, or comma-separated proxy addresses/CIDRs (loopback, linklocal, uniquelocal allowed)',
  })
  TRUST_PROXY = 'false';

  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'ECHO_AGENT_ENABLED must be true or false' })
  ECHO_AGENT_ENABLED = true;

  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'ASK_AGENT_ENABLED must be true or false' })
  ASK_AGENT_ENABLED = true;

  /** The highest temperature an organization may set for an agent (its configuration); providers take 0 to 2. */
  @Transform(toNumber)
  @IsNumber({}, { message: 'AGENT_MAX_TEMPERATURE must be a number between 0 and 2' })
  @Min(0, { message: 'AGENT_MAX_TEMPERATURE must be a number between 0 and 2' })
  @Max(2, { message: 'AGENT_MAX_TEMPERATURE must be a number between 0 and 2' })
  AGENT_MAX_TEMPERATURE = 1.5;

  /** Vault key ring: comma-separated <id>:<base64 of 32 bytes>, the first encrypts. Required in production. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/=]{40,}(,[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/=]{40,})*$/, {
    message: 'NEONHUB_ENCRYPTION_KEYS must be comma-separated <id>:<base64 of 32 bytes> entries',
  })
  NEONHUB_ENCRYPTION_KEYS?: string;

  /** A file holding the key ring (a secret mounted by the orchestrator); read at boot in place of NEONHUB_ENCRYPTION_KEYS. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString({ message: 'NEONHUB_ENCRYPTION_KEYS_FILE must be a file path' })
  NEONHUB_ENCRYPTION_KEYS_FILE?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'USE_MOCK_CONNECTORS must be true or false' })
  USE_MOCK_CONNECTORS?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'OAUTH_REDIRECT_BASE_URL must be an http(s) URL (the public address of this API)' })
  OAUTH_REDIRECT_BASE_URL?: string;

  /** Which language model provider serves the LLM module; `offline` is deterministic and needs no network. */
  @IsIn(LLM_PROVIDERS, { message: `LLM_PROVIDER must be one of ${LLM_PROVIDERS.join(', ')}` })
  LLM_PROVIDER: (typeof LLM_PROVIDERS)[number] = 'offline';

  /** The provider's API root (required for openai-compatible; a regional endpoint or a local server otherwise). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'LLM_BASE_URL must be an http(s) URL' })
  LLM_BASE_URL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString({ message: 'LLM_API_KEY must be a string' })
  LLM_API_KEY?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^\S{1,200}$/, { message: 'LLM_MODEL must be a model id without spaces' })
  LLM_MODEL?: string;

  /** Models an organization may choose for its agents (comma-separated ids on the same provider); LLM_MODEL always is one. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^\s*\S{1,200}\s*(,\s*\S{1,200}\s*)*$/, { message: 'LLM_ALLOWED_MODELS must be comma-separated model ids without spaces' })
  LLM_ALLOWED_MODELS?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^\S{1,200}$/, { message: 'EMBEDDING_MODEL must be a model id without spaces' })
  EMBEDDING_MODEL?: string;

  @Transform(toInt)
  @IsInt({ message: 'EMBEDDING_DIMENSIONS must be an integer between 8 and 1536 (the vector columns hold 1536)' })
  @Min(8, { message: 'EMBEDDING_DIMENSIONS must be an integer between 8 and 1536 (the vector columns hold 1536)' })
  @Max(1536, { message: 'EMBEDDING_DIMENSIONS must be an integer between 8 and 1536 (the vector columns hold 1536)' })
  EMBEDDING_DIMENSIONS = 1536;

  /** One model call's budget; a call past it fails as a retryable LlmError TIMEOUT. */
  @Transform(toInt)
  @IsInt({ message: 'LLM_TIMEOUT_MS must be an integer between 100 and 600000' })
  @Min(100, { message: 'LLM_TIMEOUT_MS must be an integer between 100 and 600000' })
  @Max(600000, { message: 'LLM_TIMEOUT_MS must be an integer between 100 and 600000' })
  LLM_TIMEOUT_MS = 60000;

  /** JSON price table: { "<model>": { "inputPerMillion": USD, "outputPerMillion": USD } }. A model absent from it records cost null. */
  @IsOptional()
  @IsString({ message: 'LLM_PRICES_FILE must be a path' })
  LLM_PRICES_FILE = 'config/llm-prices.json';

  /** Model tokens (in + out) an organization may use per calendar month (UTC), unless its own budget is set; 0 = no limit. */
  @Transform(toInt)
  @IsInt({ message: 'LLM_MONTHLY_TOKEN_BUDGET must be a whole number of tokens, 0 for no limit' })
  @Min(0, { message: 'LLM_MONTHLY_TOKEN_BUDGET must be a whole number of tokens, 0 for no limit' })
  LLM_MONTHLY_TOKEN_BUDGET = 10_000_000;

  // Knowledge intake (src/modules/knowledge): fetch limits, uploads, chunking.
  /** Largest fetched document body in bytes (after decompression); a larger one fails TOO_LARGE. */
  @Transform(toInt)
  @IsInt({ message: 'KNOWLEDGE_FETCH_MAX_BYTES must be an integer between 1024 and 104857600' })
  @Min(1024, { message: 'KNOWLEDGE_FETCH_MAX_BYTES must be an integer between 1024 and 104857600' })
  @Max(104857600, { message: 'KNOWLEDGE_FETCH_MAX_BYTES must be an integer between 1024 and 104857600' })
  KNOWLEDGE_FETCH_MAX_BYTES = 10 * 1024 * 1024;

  /** One fetch's whole budget: connections, redirects, headers and body. */
  @Transform(toInt)
  @IsInt({ message: 'KNOWLEDGE_FETCH_TIMEOUT_MS must be an integer between 100 and 600000' })
  @Min(100, { message: 'KNOWLEDGE_FETCH_TIMEOUT_MS must be an integer between 100 and 600000' })
  @Max(600000, { message: 'KNOWLEDGE_FETCH_TIMEOUT_MS must be an integer between 100 and 600000' })
  KNOWLEDGE_FETCH_TIMEOUT_MS = 30000;

  /** Fetch URLs that resolve to private, loopback or link-local addresses: only on a trusted network. */
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'KNOWLEDGE_ALLOW_PRIVATE_URLS must be true or false' })
  KNOWLEDGE_ALLOW_PRIVATE_URLS = false;

  /** Largest uploaded document file in bytes; a larger upload answers 413. */
  @Transform(toInt)
  @IsInt({ message: 'KNOWLEDGE_UPLOAD_MAX_BYTES must be an integer between 1024 and 104857600' })
  @Min(1024, { message: 'KNOWLEDGE_UPLOAD_MAX_BYTES must be an integer between 1024 and 104857600' })
  @Max(104857600, { message: 'KNOWLEDGE_UPLOAD_MAX_BYTES must be an integer between 1024 and 104857600' })
  KNOWLEDGE_UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

  /** Largest chunk a document is cut into, in tokens. */
  @Transform(toInt)
  @IsInt({ message: 'KNOWLEDGE_CHUNK_TOKENS must be an integer between 16 and 8000' })
  @Min(16, { message: 'KNOWLEDGE_CHUNK_TOKENS must be an integer between 16 and 8000' })
  @Max(8000, { message: 'KNOWLEDGE_CHUNK_TOKENS must be an integer between 16 and 8000' })
  KNOWLEDGE_CHUNK_TOKENS = 400;

  /** Tokens of a chunk's end repeated at the start of the next, so a fact cut at the edge is whole in one of them. */
  @Transform(toInt)
  @IsInt({ message: 'KNOWLEDGE_CHUNK_OVERLAP must be an integer between 0 and 4000' })
  @Min(0, { message: 'KNOWLEDGE_CHUNK_OVERLAP must be an integer between 0 and 4000' })
  @Max(4000, { message: 'KNOWLEDGE_CHUNK_OVERLAP must be an integer between 0 and 4000' })
  KNOWLEDGE_CHUNK_OVERLAP = 60;

  /** Smallest time between two fire times a schedule's cron may have; a more frequent schedule is refused (400). */
  @Transform(toInt)
  @IsInt({ message: 'SCHEDULE_MIN_INTERVAL_SECONDS must be an integer between 1 and 86400' })
  @Min(1, { message: 'SCHEDULE_MIN_INTERVAL_SECONDS must be an integer between 1 and 86400' })
  @Max(86400, { message: 'SCHEDULE_MIN_INTERVAL_SECONDS must be an integer between 1 and 86400' })
  SCHEDULE_MIN_INTERVAL_SECONDS = 60;

  /** Webhook delivery retries: delays after a failed attempt, e.g. 5s,5m,30m,2h,5h,10h,10h (ms, s, m or h). */
  @IsString({ message: 'WEBHOOK_RETRY_SCHEDULE must be a comma-separated list of delays such as 5s,5m,30m,2h' })
  WEBHOOK_RETRY_SCHEDULE = '5s,5m,30m,2h,5h,10h,10h';

  /** One webhook attempt's budget: connection, request and response headers. */
  @Transform(toInt)
  @IsInt({ message: 'WEBHOOK_TIMEOUT_MS must be an integer between 100 and 120000' })
  @Min(100, { message: 'WEBHOOK_TIMEOUT_MS must be an integer between 100 and 120000' })
  @Max(120000, { message: 'WEBHOOK_TIMEOUT_MS must be an integer between 100 and 120000' })
  WEBHOOK_TIMEOUT_MS = 10000;

  /** Deliveries that failed for good (every retry spent), in a row, after which an endpoint is disabled. */
  @Transform(toInt)
  @IsInt({ message: 'WEBHOOK_DISABLE_AFTER_FAILURES must be an integer between 1 and 1000' })
  @Min(1, { message: 'WEBHOOK_DISABLE_AFTER_FAILURES must be an integer between 1 and 1000' })
  @Max(1000, { message: 'WEBHOOK_DISABLE_AFTER_FAILURES must be an integer between 1 and 1000' })
  WEBHOOK_DISABLE_AFTER_FAILURES = 5;

  /** Webhook URLs on private, loopback and link-local addresses: only on a trusted network. */
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'WEBHOOK_ALLOW_PRIVATE_URLS must be true or false' })
  WEBHOOK_ALLOW_PRIVATE_URLS = false;

  /** Plain http webhook URLs in production (always allowed elsewhere). */
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'WEBHOOK_ALLOW_HTTP must be true or false' })
  WEBHOOK_ALLOW_HTTP = false;
}
