import { Counter, Gauge, Histogram } from 'prom-client';
import { LlmMetrics } from './llm-metrics';

describe(LlmMetrics.name, () => {
  // Unregistered metrics: this spec reads them directly, the process-global registry stays untouched.
  const gauge = new Gauge({ name: 'budget_used_ratio_spec', help: 'spec', labelNames: ['organization'], registers: [] });
  const sut = new LlmMetrics(
    new Counter({ name: 'tokens_spec', help: 'spec', labelNames: ['model', 'direction'], registers: [] }),
    new Counter({ name: 'cost_spec', help: 'spec', labelNames: ['model'], registers: [] }),
    new Histogram({ name: 'duration_spec', help: 'spec', labelNames: ['model'], registers: [] }),
    gauge,
  );
  const ratios = async () => Object.fromEntries((await gauge.get()).values.map((v) => [v.labels.organization, v.value]));

  beforeEach(() => gauge.reset());

  it('should publish each organization the share of its budget used', async () => {
    sut.budgetSeen('org-a', '2026-11', 900, 1_000);
    sut.budgetSeen('org-b', '2026-11', 100, 1_000);

    expect(await ratios()).toEqual({ 'org-a': 0.9, 'org-b': 0.1 });
  });

  it("should drop last month's ratios when a new month is seen, so a spent budget stops alerting once it renews", async () => {
    sut.budgetSeen('org-a', '2026-11', 990, 1_000);
    sut.budgetSeen('org-b', '2026-12', 10, 1_000);

    expect(await ratios()).toEqual({ 'org-b': 0.01 });
  });

  it('should ignore a late report about an earlier month', async () => {
    sut.budgetSeen('org-a', '2027-01', 10, 1_000);
    sut.budgetSeen('org-b', '2026-12', 990, 1_000);

    expect(await ratios()).toEqual({ 'org-a': 0.01 });
  });
});
