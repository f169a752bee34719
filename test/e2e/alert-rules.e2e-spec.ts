import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { exportedSeriesNames } from '../support/exported-metrics';
import { promtool } from '../support/promtool';
import { metricNamesOf } from '../support/promql-metrics';

const DIR = join(__dirname, '..', '..', 'config', 'prometheus');

interface Rule {
  alert?: string;
  expr: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
interface UnitTests {
  rule_files: string[];
  tests: { input_series: { series: string }[]; alert_rule_test: { alertname: string }[] }[];
}

const rules = (parse(readFileSync(join(DIR, 'alerts.yml'), 'utf8')) as { groups: { rules: Rule[] }[] }).groups.flatMap((g) => g.rules);
const unitTests = parse(readFileSync(join(DIR, 'alerts.test.yml'), 'utf8')) as UnitTests;

describe('config/prometheus/alerts.yml', () => {
  it('should be rules promtool accepts, loaded by prometheus.yml', () => {
    const config = parse(readFileSync(join(DIR, 'prometheus.yml'), 'utf8')) as { rule_files?: string[] };

    expect(promtool('check', 'rules', join(DIR, 'alerts.yml'))).toMatchObject({ status: 0 });
    expect(config.rule_files).toEqual(['alerts.yml']);
  });

  it('should pass its promtool unit tests (alerts.test.yml)', () => {
    expect(promtool('test', 'rules', join(DIR, 'alerts.test.yml'))).toMatchObject({ status: 0 });
    expect(unitTests.rule_files).toEqual(['alerts.yml']);
  });

  it('should alert on errors, open breakers, aging backlogs, failing runs, flapping readiness and spent budgets', () => {
    expect(rules.map((r) => r.alert).sort()).toEqual([
      'NeonHubCircuitBreakerOpen',
      'NeonHubHighErrorRate',
      'NeonHubQueueBacklogAging',
      'NeonHubReadinessFlapping',
      'NeonHubRunFailureRatio',
      'NeonHubTokenBudgetNearlySpent',
    ]);
  });

  it('should give every alert a severity an Alertmanager route can use and a summary a person can read', () => {
    for (const rule of rules) {
      expect({ alert: rule.alert, severity: rule.labels?.severity, summary: typeof rule.annotations?.summary }).toEqual({
        alert: rule.alert,
        severity: expect.stringMatching(/^(critical|warning)$/),
        summary: 'string',
      });
    }
  });

  describe('against the metrics the API and the worker export', () => {
    let exported: Set<string>;
    beforeAll(async () => {
      exported = await exportedSeriesNames();
    }, 90_000);

    it('should name only metrics that exist, in the rules and in their unit tests', () => {
      const used = new Set([
        ...rules.flatMap((r) => metricNamesOf(r.expr)),
        ...unitTests.tests.flatMap((t) => t.input_series.map((s) => /^[A-Za-z_:][A-Za-z0-9_:]*/.exec(s.series)![0])),
      ]);

      expect(used.size).toBeGreaterThanOrEqual(6);
      expect([...used].filter((name) => !exported.has(name))).toEqual([]);
    });
  });
});
