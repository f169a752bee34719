import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { exportedSeriesNames } from '../support/exported-metrics';
import { metricNamesOf } from '../support/promql-metrics';

const GRAFANA = join(__dirname, '..', '..', 'config', 'grafana');
/** Variables Grafana itself defines for every query. */
const BUILT_IN_VARIABLES = new Set(['__rate_interval', '__interval', '__range', '__interval_ms', '__range_s']);

interface Panel {
  id: number;
  type: string;
  title: string;
  datasource?: { type: string; uid: string };
  gridPos: { x: number; y: number; w: number; h: number };
  targets?: { expr: string; datasource?: { uid: string } }[];
}
interface Dashboard {
  uid: string;
  title: string;
  panels: Panel[];
  templating: { list: { name: string; definition: string; datasource: { uid: string } }[] };
}

const dashboardFiles = readdirSync(join(GRAFANA, 'dashboards')).filter((f) => f.endsWith('.json'));
const dashboards = dashboardFiles.map((file) => ({ file, json: JSON.parse(readFileSync(join(GRAFANA, 'dashboards', file), 'utf8')) as Dashboard }));
const datasources = (parse(readFileSync(join(GRAFANA, 'provisioning', 'datasources', 'prometheus.yml'), 'utf8')) as { datasources: { uid: string; type: string; url: string }[] }).datasources;
const queryPanels = (d: Dashboard) => d.panels.filter((p) => p.type !== 'row');
const expressionsOf = (d: Dashboard) => [
  ...queryPanels(d).flatMap((p) => (p.targets ?? []).map((t) => t.expr)),
  // label_values(metric, label): only its first argument is a metric.
  ...d.templating.list.map((v) => /^label_values\(([^,]+),/.exec(v.definition)?.[1] ?? v.definition),
];

describe('config/grafana', () => {
  it('should provision one Prometheus data source pointing at the compose service', () => {
    expect(datasources).toEqual([expect.objectContaining({ type: 'prometheus', uid: 'neonhub-prometheus', url: 'http://prometheus:9090' })]);
  });

  it('should hold at least one dashboard, each with a unique uid', () => {
    expect(dashboards.length).toBeGreaterThan(0);
    expect(new Set(dashboards.map((d) => d.json.uid)).size).toBe(dashboards.length);
  });

  describe.each(dashboards)('$file', ({ json }) => {
    it('should query only the provisioned data source, from every panel and variable', () => {
      const uids = new Set([
        ...queryPanels(json).flatMap((p) => [p.datasource?.uid, ...(p.targets ?? []).map((t) => t.datasource?.uid)]),
        ...json.templating.list.map((v) => v.datasource.uid),
      ]);

      expect([...uids]).toEqual([datasources[0].uid]);
    });

    it('should give every panel a unique id, a query, and a place on the 24-column grid that no other panel takes', () => {
      const cells = new Map<string, string>();
      for (const panel of json.panels) {
        const { x, y, w, h } = panel.gridPos;
        expect({ title: panel.title, fits: x >= 0 && w > 0 && x + w <= 24 && h > 0 }).toEqual({ title: panel.title, fits: true });
        for (let row = y; row < y + h; row++) {
          for (let col = x; col < x + w; col++) {
            expect(`${panel.title} at ${col},${row}: ${cells.get(`${col},${row}`) ?? 'free'}`).toBe(`${panel.title} at ${col},${row}: free`);
            cells.set(`${col},${row}`, panel.title);
          }
        }
      }
      expect(new Set(json.panels.map((p) => p.id)).size).toBe(json.panels.length);
      expect(queryPanels(json).filter((p) => !p.targets?.length).map((p) => p.title)).toEqual([]);
    });

    it('should use only variables it defines or Grafana provides', () => {
      const defined = new Set([...json.templating.list.map((v) => v.name), ...BUILT_IN_VARIABLES]);
      const used = expressionsOf(json).flatMap((e) => [...e.matchAll(/\$\{?(\w+)/g)].map((m) => m[1]));

      expect([...new Set(used)].filter((name) => !defined.has(name))).toEqual([]);
    });
  });

  describe('against the metrics the API and the worker export', () => {
    let exported: Set<string>;
    beforeAll(async () => {
      exported = await exportedSeriesNames();
    }, 90_000);

    it.each(dashboards)('should chart only metrics that exist in $file', ({ json }) => {
      const used = new Set(expressionsOf(json).flatMap(metricNamesOf));

      expect(used.size).toBeGreaterThan(5);
      expect([...used].filter((name) => !exported.has(name))).toEqual([]);
    });
  });
});
