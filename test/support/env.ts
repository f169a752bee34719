// Loaded in every e2e worker before the specs: quiet, deterministic, UTC.
process.env.NODE_ENV = 'test';
process.env.TZ = 'UTC';
process.env.LOG_LEVEL ??= 'silent';
// scripts/test-all.sh names the test Redis TEST_REDIS_URL; the app reads REDIS_URL.
if (process.env.TEST_REDIS_URL) process.env.REDIS_URL = process.env.TEST_REDIS_URL;
