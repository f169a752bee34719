import { register } from 'prom-client';
import { collectDefaultMetricsOnce } from './default-metrics';

describe(collectDefaultMetricsOnce.name, () => {
  beforeAll(() => collectDefaultMetricsOnce());

  it('should register no metric whose name ends in _total unless it is a counter', async () => {
    const misnamed = (await register.getMetricsAsJSON()).filter((m) => m.name.endsWith('_total') && String(m.type) !== 'counter').map((m) => m.name);

    expect(misnamed).toEqual([]);
  });

  it('should keep the labelled active handles, requests and resources gauges', () => {
    for (const name of ['neonhub_nodejs_active_handles', 'neonhub_nodejs_active_requests', 'neonhub_nodejs_active_resources']) {
      expect(register.getSingleMetric(name)).toBeDefined();
    }
  });

  it('should register the default metrics only once when called again', () => {
    expect(() => collectDefaultMetricsOnce()).not.toThrow();
  });
});
