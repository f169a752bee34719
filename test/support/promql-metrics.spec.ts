import { familiesOf, metricNamesOf, seriesNamesOf } from './promql-metrics';

describe(metricNamesOf.name, () => {
  it('should find the metrics of a ratio with matchers, ranges and grouping, and no function or label', () => {
    const expression = `sum by (agent, status) (rate(a_total{status=~"5..",route!="by(x)"}[5m])) / ignoring(status) group_left sum(rate(b_total[$__rate_interval])) > 0.05 and on(agent) c > 1e3`;

    expect(metricNamesOf(expression)).toEqual(['a_total', 'b_total', 'c']);
  });

  it('should read histogram series inside histogram_quantile and a subquery', () => {
    expect(metricNamesOf('histogram_quantile(0.95, sum by (le) (rate(d_seconds_bucket{job="x"}[5m:30s])))')).toEqual(['d_seconds_bucket']);
  });

  it('should ignore Grafana variables and offsets', () => {
    expect(metricNamesOf('max(e{queue=~"$queue"} offset 1h) * ${factor}')).toEqual(['e']);
  });
});

describe(seriesNamesOf.name, () => {
  it('should expose a histogram only as its _bucket, _count and _sum series', () => {
    const families = familiesOf('# HELP h x\n# TYPE h histogram\nh_bucket{le="1"} 0\n# TYPE c_total counter\nc_total 1\n');

    expect([...seriesNamesOf(families)].sort()).toEqual(['c_total', 'h_bucket', 'h_count', 'h_sum']);
  });
});
