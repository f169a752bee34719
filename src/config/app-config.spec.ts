import { getMetadataStorage } from 'class-validator';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../common/project-root';
import { ConfigurationError, loadConfig } from './app-config';
import { EnvironmentVariables } from './environment';

const VALID_SEED_KEY = `nh_${'a'.repeat(43)}`;

/** Every variable the service validates, read from the validation rules so new ones are included. */
const VALIDATED_VARIABLES = [
  ...new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(EnvironmentVariables, '', true, false)
      .map((m) => m.propertyName),
  ),
];

function configurationErrorFor(env: NodeJS.ProcessEnv): ConfigurationError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error(`expected loadConfig(${JSON.stringify(env)}) to throw a ConfigurationError`);
}

describe(loadConfig.name, () => {
  it('should apply the documented defaults to an empty environment', () => {
    const sut = loadConfig({});

    expect(sut).toEqual({
      nodeEnv: 'development',
      port: 3000,
      workerPort: 3001,
      databaseUrl: undefined,
      databasePoolSize: 10,
      redisUrl: 'redis://127.0.0.1:6379',
      dataDir: '.data',
      logLevel: 'info',
      seedApiKey: undefined,
      bodyLimitBytes: 1024 * 1024,
      requestTimeoutMs: 30000,
      shutdownTimeoutMs: 8000,
      version: expect.any(String),
      runs: {
        timeoutMs: 30000,
        rateLimitPerMinute: 60,
        leaseMs: 30000,
        maxAttempts: 3,
        retryBaseDelayMs: 75,
        circuitFailureThreshold: 3,
        circuitHalfOpenAfterMs: 10000,
        maxConcurrentPerOrganization: 4,
      },
      worker: { concurrency: 16, stageConcurrency: 4, lockMs: 30000 },
      queueDashboardKey: undefined,
      echoAgentEnabled: true,
      askAgentEnabled: true,
      agents: { maxTemperature: 1.5 },
      auth: { failureLimit: 20, failureWindowSeconds: 60 },
      trustProxy: false,
      connectors: { modes: {}, baseUrls: {}, oauthClients: {}, oauthRedirectBaseUrl: 'http://localhost:3000' },
      encryptionKeys: undefined,
      llm: {
        provider: 'offline',
        baseUrl: undefined,
        apiKey: undefined,
        model: 'offline-template',
        allowedModels: ['offline-template'],
        embeddingModel: 'offline-feature-hash',
        embeddingDimensions: 1536,
        timeoutMs: 60000,
        prices: expect.objectContaining({ 'offline-template': { inputPerMillion: 0, outputPerMillion: 0 } }),
        monthlyTokenBudget: 10_000_000,
      },
      knowledge: { fetchMaxBytes: 10 * 1024 * 1024, fetchTimeoutMs: 30000, allowPrivateUrls: false, uploadMaxBytes: 10 * 1024 * 1024, chunkTokens: 400, chunkOverlap: 60 },
      schedules: { minIntervalSeconds: 60 },
      webhooks: {
        retryScheduleMs: [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000],
        timeoutMs: 10_000,
        disableAfterFailures: 5,
        allowPrivateUrls: false,
        allowHttp: true,
      },
      governance: {
        retention: { runLogsDays: 90, auditLogDays: 365, deletedContentDays: 30, campaignMetricsDays: 730, sweepEveryMinutes: 60, batchSize: 1000 },
        exportExpiryDays: 7,
      },
      httpProtection: { corsOrigins: [], apiKeyRequestsPerMinute: 1000 },
    });
  });

  it('should require https webhook URLs in production unless WEBHOOK_ALLOW_HTTP', () => {
    const production = { NODE_ENV: 'production', NEONHUB_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}` };

    expect(loadConfig(production).webhooks.allowHttp).toBe(false);
    expect(loadConfig({ ...production, WEBHOOK_ALLOW_HTTP: 'true' }).webhooks.allowHttp).toBe(true);
  });

  describe('LLM_PROVIDER', () => {
    const SECRET = 'sk-test-secret-value';

    it('should refuse a real provider without a key in one line, never echoing a value', () => {
      for (const provider of ['openai', 'openai-compatible', 'anthropic']) {
        const failure = (() => {
          try {
            loadConfig({ LLM_PROVIDER: provider, LLM_MODEL: 'm', LLM_BASE_URL: 'http://127.0.0.1:1/v1' });
          } catch (error) {
            return error as Error;
          }
        })();
        expect(failure).toBeInstanceOf(ConfigurationError);
        expect(failure?.message).toBe(`Invalid configuration: LLM_API_KEY must be set when LLM_PROVIDER is ${provider}`);
      }
    });

    it('should refuse an unknown provider, openai-compatible without a base URL and a real provider without a model', () => {
      expect(() => loadConfig({ LLM_PROVIDER: 'gemini' })).toThrow(/^Invalid configuration: LLM_PROVIDER must be one of offline, openai, openai-compatible, anthropic/);
      expect(() => loadConfig({ LLM_PROVIDER: 'openai-compatible', LLM_API_KEY: SECRET, LLM_MODEL: 'm' })).toThrow(
        'Invalid configuration: LLM_BASE_URL must be set when LLM_PROVIDER is openai-compatible',
      );
      expect(() => loadConfig({ LLM_PROVIDER: 'openai', LLM_API_KEY: SECRET })).toThrow('Invalid configuration: LLM_MODEL must be set when LLM_PROVIDER is openai');
    });

    it('should never print the key, even when a neighbouring variable is wrong', () => {
      expect(() => loadConfig({ LLM_PROVIDER: 'openai', LLM_API_KEY: SECRET, LLM_MODEL: 'm', LLM_BASE_URL: 'not a url' })).toThrow(/^Invalid configuration: LLM_BASE_URL must be an http\(s\) URL$/);
    });

    it('should read a real provider, its model, embeddings and timeout', () => {
      const sut = loadConfig({
        LLM_PROVIDER: 'openai',
        LLM_API_KEY: SECRET,
        LLM_MODEL: 'gpt-4o-mini',
        LLM_BASE_URL: 'http://127.0.0.1:8000/v1/',
        EMBEDDING_DIMENSIONS: '256',
        LLM_TIMEOUT_MS: '5000',
      });
      expect(sut.llm).toEqual({
        provider: 'openai',
        baseUrl: 'http://127.0.0.1:8000/v1',
        apiKey: SECRET,
        model: 'gpt-4o-mini',
        allowedModels: ['gpt-4o-mini'],
        embeddingModel: 'text-embedding-3-small',
        embeddingDimensions: 256,
        timeoutMs: 5000,
        prices: expect.objectContaining({ 'gpt-4o-mini': { inputPerMillion: 0.15, outputPerMillion: 0.6 } }),
        monthlyTokenBudget: 10_000_000,
      });
    });

    it('should allow the configured model and LLM_ALLOWED_MODELS, each once', () => {
      const sut = loadConfig({ LLM_MODEL: 'offline-small', LLM_ALLOWED_MODELS: ' offline-large, offline-small ,offline-tiny' });
      expect(sut.llm.allowedModels).toEqual(['offline-small', 'offline-large', 'offline-tiny']);
    });

    it('should refuse an allowed model list with a space inside an id', () => {
      expect(() => loadConfig({ LLM_ALLOWED_MODELS: 'gpt 4o' })).toThrow(/^Invalid configuration: LLM_ALLOWED_MODELS must be comma-separated model ids/);
    });

    it('should read AGENT_MAX_TEMPERATURE as a number and refuse one outside 0 to 2', () => {
      expect(loadConfig({ AGENT_MAX_TEMPERATURE: '0.7' }).agents.maxTemperature).toBe(0.7);
      expect(() => loadConfig({ AGENT_MAX_TEMPERATURE: '2.5' })).toThrow(/^Invalid configuration: AGENT_MAX_TEMPERATURE must be a number between 0 and 2/);
      expect(() => loadConfig({ AGENT_MAX_TEMPERATURE: '-1' })).toThrow(/^Invalid configuration: AGENT_MAX_TEMPERATURE must be a number between 0 and 2/);
    });

    it('should refuse embedding dimensions the vector columns cannot hold', () => {
      expect(() => loadConfig({ EMBEDDING_DIMENSIONS: '3072' })).toThrow(/^Invalid configuration: EMBEDDING_DIMENSIONS must be an integer between 8 and 1536/);
    });

    it('should stop the boot on a price table that is missing or malformed, naming the file and the model', () => {
      const dir = mkdtempSync(join(tmpdir(), 'prices-'));
      const bad = join(dir, 'prices.json');
      writeFileSync(bad, JSON.stringify({ 'gpt-4o-mini': { inputPerMillion: 'cheap' } }));

      expect(() => loadConfig({ LLM_PRICES_FILE: join(dir, 'absent.json') })).toThrow(`Invalid configuration: LLM_PRICES_FILE ${join(dir, 'absent.json')}: no such file`);
      expect(() => loadConfig({ LLM_PRICES_FILE: bad })).toThrow(`Invalid configuration: LLM_PRICES_FILE ${bad}: gpt-4o-mini needs inputPerMillion and outputPerMillion as non-negative numbers`);
    });

    it('should keep embeddings offline with anthropic, which has no embeddings API', () => {
      expect(loadConfig({ LLM_PROVIDER: 'anthropic', LLM_API_KEY: SECRET, LLM_MODEL: 'claude' }).llm.embeddingModel).toBe('offline-feature-hash');
    });
  });

  describe('KNOWLEDGE_*', () => {
    it('should read the intake limits and chunking', () => {
      const sut = loadConfig({
        KNOWLEDGE_FETCH_MAX_BYTES: '2048',
        KNOWLEDGE_FETCH_TIMEOUT_MS: '500',
        KNOWLEDGE_ALLOW_PRIVATE_URLS: 'true',
        KNOWLEDGE_UPLOAD_MAX_BYTES: '4096',
        KNOWLEDGE_CHUNK_TOKENS: '100',
        KNOWLEDGE_CHUNK_OVERLAP: '0',
      }).knowledge;
      expect(sut).toEqual({ fetchMaxBytes: 2048, fetchTimeoutMs: 500, allowPrivateUrls: true, uploadMaxBytes: 4096, chunkTokens: 100, chunkOverlap: 0 });
    });

    it('should refuse an overlap as large as the chunk', () => {
      expect(() => loadConfig({ KNOWLEDGE_CHUNK_TOKENS: '100', KNOWLEDGE_CHUNK_OVERLAP: '100' })).toThrow(
        'Invalid configuration: KNOWLEDGE_CHUNK_OVERLAP must be smaller than KNOWLEDGE_CHUNK_TOKENS',
      );
    });

    it('should refuse anything but true or false for KNOWLEDGE_ALLOW_PRIVATE_URLS', () => {
      expect(() => loadConfig({ KNOWLEDGE_ALLOW_PRIVATE_URLS: 'yes' })).toThrow('KNOWLEDGE_ALLOW_PRIVATE_URLS must be true or false');
    });
  });

  it('should read per-connector modes, base URLs and OAuth clients', () => {
    const sut = loadConfig({
      USE_MOCK_CONNECTORS: 'false',
      CONNECTOR_SLACK_MODE: 'mock',
      CONNECTOR_GOOGLE_ADS_MODE: 'disabled',
      CONNECTOR_SLACK_BASE_URL: 'http://127.0.0.1:9000/',
      CONNECTOR_GMAIL_CLIENT_ID: 'id',
      CONNECTOR_GMAIL_CLIENT_SECRET: 'secret',
    }).connectors;
    expect(sut).toMatchObject({
      useMock: false,
      modes: { slack: 'mock', google_ads: 'disabled' },
      baseUrls: { slack: 'http://127.0.0.1:9000' },
      oauthClients: { gmail: { clientId: 'id', clientSecret: 'secret' } },
    });
  });

  it.each([
    [{ CONNECTOR_SLACK_MODE: 'fake' }, 'CONNECTOR_SLACK_MODE must be real, mock or disabled'],
    [{ CONNECTOR_SLACK_BASE_URL: 'ftp://x' }, 'CONNECTOR_SLACK_BASE_URL must be an http(s) URL'],
    [{ CONNECTOR_GMAIL_CLIENT_ID: 'only-id' }, 'CONNECTOR_GMAIL_CLIENT_ID and _CLIENT_SECRET must be set together'],
    [{ USE_MOCK_CONNECTORS: 'yes' }, 'USE_MOCK_CONNECTORS must be true or false'],
  ])('should refuse connector setting %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('should report the version from package.json', () => {
    const { version } = JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { version: string };

    expect(loadConfig({}).version).toBe(version);
  });

  it('should parse numeric variables into numbers', () => {
    const sut = loadConfig({
      PORT: '8080',
      WORKER_PORT: ' 8081 ',
      DATABASE_POOL_SIZE: '4',
      BODY_LIMIT_BYTES: '2048',
      SHUTDOWN_TIMEOUT_MS: '1000',
      HTTP_REQUEST_TIMEOUT_MS: '5000',
    });

    expect(sut).toMatchObject({ port: 8080, workerPort: 8081, databasePoolSize: 4, bodyLimitBytes: 2048, shutdownTimeoutMs: 1000, requestTimeoutMs: 5000 });
  });

  it('should read the failed-authentication limit and its window', () => {
    expect(loadConfig({ AUTH_FAILURE_LIMIT: '5', AUTH_FAILURE_WINDOW_SECONDS: '2' }).auth).toEqual({ failureLimit: 5, failureWindowSeconds: 2 });
    expect(configurationErrorFor({ AUTH_FAILURE_LIMIT: '0' }).message).toMatch(/AUTH_FAILURE_LIMIT must be an integer between 1 and 1000000/);
    expect(configurationErrorFor({ AUTH_FAILURE_WINDOW_SECONDS: 'a minute' }).message).toMatch(/AUTH_FAILURE_WINDOW_SECONDS must be an integer/);
  });

  it.each([
    ['false', false],
    ['true', true],
    ['2', 2],
    ['10.0.0.0/8', ['10.0.0.0/8']],
    ['loopback, 192.168.1.7,fd00::/8', ['loopback', '192.168.1.7', 'fd00::/8']],
  ])('should read TRUST_PROXY=%s as Fastify trustProxy %j', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it('should refuse a TRUST_PROXY that names no proxy', () => {
    expect(configurationErrorFor({ TRUST_PROXY: 'yes' }).message).toMatch(/TRUST_PROXY must be false, true, a number of proxy hops/);
    expect(configurationErrorFor({ TRUST_PROXY: 'proxy.internal' }).message).toMatch(/TRUST_PROXY must be/);
  });

  it("should read the organizations' default limit of runs at once", () => {
    expect(loadConfig({ ORGANIZATION_MAX_CONCURRENT_RUNS: '8' }).runs.maxConcurrentPerOrganization).toBe(8);
  });

  describe('NEONHUB_ENCRYPTION_KEYS_FILE', () => {
    const ring = `k1:${Buffer.alloc(32, 9).toString('base64')}`;
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'neonhub-keys-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const write = (name: string, content: string) => {
      const file = join(dir, name);
      writeFileSync(file, content);
      return file;
    };

    it('should read the key ring from the file, so production boots with it', () => {
      const sut = loadConfig({ NODE_ENV: 'production', NEONHUB_ENCRYPTION_KEYS_FILE: write('ring', `${ring}\n`) });

      expect(sut.encryptionKeys).toBe(ring);
    });

    it('should refuse both the variable and the file, a file it cannot read, an empty file and a malformed ring', () => {
      expect(configurationErrorFor({ NEONHUB_ENCRYPTION_KEYS: ring, NEONHUB_ENCRYPTION_KEYS_FILE: write('both', ring) }).message).toMatch(/not both/);
      expect(configurationErrorFor({ NEONHUB_ENCRYPTION_KEYS_FILE: join(dir, 'absent') }).message).toMatch(/NEONHUB_ENCRYPTION_KEYS_FILE cannot be read \(ENOENT/);
      expect(configurationErrorFor({ NEONHUB_ENCRYPTION_KEYS_FILE: write('empty', '\n') }).message).toMatch(/NEONHUB_ENCRYPTION_KEYS_FILE is empty/);
      const malformed = configurationErrorFor({ NEONHUB_ENCRYPTION_KEYS_FILE: write('malformed', 'k1:short') }).message;
      expect(malformed).toMatch(/NEONHUB_ENCRYPTION_KEYS must be comma-separated/);
      expect(malformed).not.toContain('short');
    });
  });

  it('should accept the bounds of a port', () => {
    expect(loadConfig({ PORT: '0' }).port).toBe(0);
    expect(loadConfig({ PORT: '65535' }).port).toBe(65535);
  });

  it('should read every string variable as given', () => {
    const sut = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgresql://app@db:5432/neonhub',
      REDIS_URL: 'rediss://cache:6380',
      NEONHUB_DATA_DIR: '/var/lib/neonhub',
      LOG_LEVEL: 'warn',
      SEED_API_KEY: VALID_SEED_KEY,
      NEONHUB_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
    });

    expect(sut).toMatchObject({
      nodeEnv: 'production',
      databaseUrl: 'postgresql://app@db:5432/neonhub',
      redisUrl: 'rediss://cache:6380',
      dataDir: '/var/lib/neonhub',
      logLevel: 'warn',
      seedApiKey: VALID_SEED_KEY,
    });
  });

  it('should refuse production without a vault key ring, naming the variable', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/^Invalid configuration: NEONHUB_ENCRYPTION_KEYS must be set in production/);
  });

  it('should accept the postgres:// scheme as well as postgresql://', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://app@db/neonhub' }).databaseUrl).toBe('postgres://app@db/neonhub');
  });

  it('should treat an empty DATABASE_URL as the embedded database', () => {
    expect(loadConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined();
  });

  it('should read the queue dashboard key as given', () => {
    const key = 'k3y/with+symbols=and:colons-0123456789abcdef';

    expect(loadConfig({ QUEUE_DASHBOARD_KEY: key }).queueDashboardKey).toBe(key);
  });

  it('should treat an empty SEED_API_KEY as no seed key', () => {
    expect(loadConfig({ SEED_API_KEY: '' }).seedApiKey).toBeUndefined();
  });

  it('should keep the default for an empty PORT rather than fail', () => {
    expect(loadConfig({ PORT: '' }).port).toBe(3000);
  });

  it('should keep the default data directory for an empty NEONHUB_DATA_DIR', () => {
    expect(loadConfig({ NEONHUB_DATA_DIR: '' }).dataDir).toBe('.data');
  });

  it('should treat every empty variable as unset', () => {
    expect(VALIDATED_VARIABLES.length).toBeGreaterThan(5);

    const sut = loadConfig(Object.fromEntries(VALIDATED_VARIABLES.map((name) => [name, ''])));

    expect(sut).toEqual(loadConfig({}));
  });

  it('should ignore variables it does not know', () => {
    expect(() => loadConfig({ PATH: '/usr/bin', SOMETHING_ELSE: 'x' })).not.toThrow();
  });

  it('should not read process.env when an environment is passed', () => {
    const previous = process.env.PORT;
    process.env.PORT = 'not-a-port';
    try {
      expect(loadConfig({}).port).toBe(3000);
    } finally {
      if (previous === undefined) delete process.env.PORT;
      else process.env.PORT = previous;
    }
  });

  it.each([
    ['PORT', 'abc', 'PORT must be an integer between 0 and 65535'],
    ['PORT', '70000', 'PORT must be an integer between 0 and 65535'],
    ['PORT', '-1', 'PORT must be an integer between 0 and 65535'],
    ['PORT', '3.5', 'PORT must be an integer between 0 and 65535'],
    ['WORKER_PORT', '65536', 'WORKER_PORT must be an integer between 0 and 65535'],
    ['DATABASE_POOL_SIZE', '0', 'DATABASE_POOL_SIZE must be an integer between 1 and 100'],
    ['LOG_LEVEL', 'loud', 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent'],
    ['NODE_ENV', 'staging', 'NODE_ENV must be one of development, production, test'],
    ['BODY_LIMIT_BYTES', '1023', 'BODY_LIMIT_BYTES must be an integer between 1024 and 104857600'],
    ['SHUTDOWN_TIMEOUT_MS', '60001', 'SHUTDOWN_TIMEOUT_MS must be an integer between 1000 and 60000'],
    ['ORGANIZATION_MAX_CONCURRENT_RUNS', '0', 'ORGANIZATION_MAX_CONCURRENT_RUNS must be an integer between 1 and 1000'],
  ])('should reject %s=%j with one line naming the variable, its expected form and the value', (variable, value, expected) => {
    const sut = configurationErrorFor({ [variable]: value });

    expect(sut.name).toBe('ConfigurationError');
    expect(sut.message).toBe(`Invalid configuration: ${expected} (got ${JSON.stringify(/^\d+$/.test(value) ? Number(value) : value)})`);
    expect(sut.message).not.toMatch(/[\r\n]/);
  });

  it('should show a bad value exactly as given, so an operator can spot it', () => {
    expect(configurationErrorFor({ PORT: 'abc' }).message).toBe('Invalid configuration: PORT must be an integer between 0 and 65535 (got "abc")');
  });

  it.each([
    ['DATABASE_URL', 'mysql://x', 'DATABASE_URL must be a postgresql:// URL'],
    ['REDIS_URL', 'http://x', 'REDIS_URL must be a redis:// or rediss:// URL'],
    ['SEED_API_KEY', 'short', 'SEED_API_KEY must look like nh_ followed by at least 32 URL-safe characters'],
    ['QUEUE_DASHBOARD_KEY', 'a'.repeat(31), 'QUEUE_DASHBOARD_KEY must be at least 32 printable ASCII characters without spaces'],
    ['QUEUE_DASHBOARD_KEY', `${'a'.repeat(20)} ${'b'.repeat(20)}`, 'QUEUE_DASHBOARD_KEY must be at least 32 printable ASCII characters without spaces'],
  ])('should reject %s=%j naming the variable and its expected form but not echoing the value', (variable, value, expected) => {
    const sut = configurationErrorFor({ [variable]: value });

    expect(sut.name).toBe('ConfigurationError');
    expect(sut.message).toBe(`Invalid configuration: ${expected}`);
    expect(sut.message).not.toContain('got');
  });

  it.each([
    ['DATABASE_URL', 'with the wrong scheme', 'mysql://admin:s3cr3t-pw@db:3306/neonhub'],
    ['DATABASE_URL', 'with a space in the password', 'postgresql://admin:s3cr3t pw@db/neonhub'],
    ['REDIS_URL', 'with the wrong scheme', 'http://:s3cr3t-pw@cache:6379'],
    ['SEED_API_KEY', 'that is too short', 'nh_s3cr3t-pw'],
    ['QUEUE_DASHBOARD_KEY', 'that is too short', 'dashboard-s3cr3t-pw'],
  ])('should never put the credentials of a %s %s in the message', (variable, _, value) => {
    const sut = configurationErrorFor({ [variable]: value });

    expect(sut.message).toContain(variable);
    expect(sut.message).not.toContain('s3cr3t');
    expect(sut.message).not.toContain(value);
  });

  it('should keep the message on one line when the bad value spans lines', () => {
    const sut = configurationErrorFor({ LOG_LEVEL: 'info\nextra' });

    expect(sut.message).toContain('LOG_LEVEL must be one of');
    expect(sut.message).not.toMatch(/[\r\n]/);
  });

  it('should report one problem at a time when several variables are bad', () => {
    const sut = configurationErrorFor({ PORT: 'abc', LOG_LEVEL: 'loud' });

    expect(sut.message).toMatch(/^Invalid configuration: (PORT|LOG_LEVEL) must be [^;]+$/);
  });
});
