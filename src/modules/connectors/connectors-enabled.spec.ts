import { loadConfig } from '../../config/app-config';
import { connectorsEnabled } from './connector-registry';

describe(connectorsEnabled.name, () => {
  const base = loadConfig({});
  const production = (modes: Record<string, 'real' | 'mock' | 'disabled'> = {}) => ({ ...base, nodeEnv: 'production' as const, connectors: { ...base.connectors, useMock: undefined, modes } });

  it('should answer true when every connector named runs, real or mock', () => {
    expect(connectorsEnabled(production({ reddit: 'mock', youtube: 'mock' }), ['x', 'reddit', 'youtube'])).toBe(true);
    expect(connectorsEnabled({ ...base, nodeEnv: 'development' }, ['google_search_console'])).toBe(true);
  });

  it('should answer false when one is disabled, as a mock-only connector is in production unless asked for', () => {
    expect(connectorsEnabled(production(), ['google_search_console'])).toBe(false);
    expect(connectorsEnabled(production({ reddit: 'mock' }), ['x', 'reddit', 'youtube'])).toBe(false);
    expect(connectorsEnabled(production({ x: 'disabled' }), ['x'])).toBe(false);
  });

  it('should answer false for a connector it does not know', () => {
    expect(connectorsEnabled(base, ['myspace'])).toBe(false);
  });
});
