// Loaded in every e2e worker before the specs: quiet, deterministic, UTC.
process.env.NODE_ENV = 'test';
process.env.TZ = 'UTC';
process.env.LOG_LEVEL ??= 'silent';
