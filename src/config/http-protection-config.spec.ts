import { loadConfig } from './app-config';
import { ConfigurationError } from './app-config-error';

describe('HttpProtectionConfig', () => {
  it('should read CORS_ORIGINS as exact origins, trimmed and without duplicates', () => {
    const sut = loadConfig({ CORS_ORIGINS: ' https://app.example.com, http://localhost:5173 ,https://app.example.com' });

    expect(sut.httpProtection.corsOrigins).toEqual(['https://app.example.com', 'http://localhost:5173']);
  });

  it('should admit no origin when CORS_ORIGINS is empty or unset', () => {
    expect(loadConfig({ CORS_ORIGINS: '' }).httpProtection.corsOrigins).toEqual([]);
    expect(loadConfig({ CORS_ORIGINS: ' , ' }).httpProtection.corsOrigins).toEqual([]);
  });

  it.each(['*', 'app.example.com', 'https://app.example.com/', 'https://app.example.com/path', 'HTTPS://App.Example.com', 'https://app.example.com:443', 'ftp://files.example.com', 'https://*.example.com'])(
    'should refuse %s in CORS_ORIGINS, naming the variable and the entry',
    (entry) => {
      expect(() => loadConfig({ CORS_ORIGINS: `https://ok.example.com,${entry}` })).toThrow(ConfigurationError);
      expect(() => loadConfig({ CORS_ORIGINS: `https://ok.example.com,${entry}` })).toThrow(`CORS_ORIGINS entries must be exact origins such as https://app.example.com (scheme, host and port only, no path, no wildcard) (got "${entry}")`);
    },
  );

  it('should read API_KEY_RATE_LIMIT_PER_MINUTE, 1000 by default', () => {
    expect(loadConfig({}).httpProtection.apiKeyRequestsPerMinute).toBe(1000);
    expect(loadConfig({ API_KEY_RATE_LIMIT_PER_MINUTE: '25' }).httpProtection.apiKeyRequestsPerMinute).toBe(25);
  });

  it.each(['0', '-1', '1.5', 'many', '1000001'])('should refuse API_KEY_RATE_LIMIT_PER_MINUTE=%s', (value) => {
    expect(() => loadConfig({ API_KEY_RATE_LIMIT_PER_MINUTE: value })).toThrow('Invalid configuration: API_KEY_RATE_LIMIT_PER_MINUTE must be an integer between 1 and 1000000');
  });
});
