import { ScaledObject } from '@kubernetes-models/keda/keda.sh/v1alpha1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { Job } from 'kubernetes-models/batch/v1';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Namespace, PersistentVolumeClaim, Secret, Service } from 'kubernetes-models/v1';
import type { IContainer } from 'kubernetes-models/v1/Container';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config/app-config';
import { HealthController } from '../../src/modules/health/health.controller';
import { exportedSeriesNames } from '../support/exported-metrics';
import { as, containersOf, K8S_DIR, Manifest, preStopSeconds, readManifests, schemaProblem, selects } from '../support/k8s-manifests';
import { metricNamesOf } from '../support/promql-metrics';

const ROOT = join(__dirname, '..', '..');
const SECRET_TEMPLATES = 'secrets.example.yaml';
const kustomization = parse(readFileSync(join(K8S_DIR, 'kustomization.yaml'), 'utf8')) as {
  namespace: string;
  resources: string[];
  images: { name: string }[];
};
const applied = kustomization.resources.flatMap(readManifests);
const templates = readManifests(SECRET_TEMPLATES);
const all: Manifest[] = [...applied, ...templates];
const deployments = as(applied, Deployment);
const deployment = (component: string) => deployments.find((d) => d.spec?.template.metadata?.labels?.['app.kubernetes.io/component'] === component)!;
const container = (component: string) => deployment(component).spec!.template.spec!.containers[0];
const configMap = as(applied, ConfigMap).find((c) => c.metadata?.name === 'neonhub-config')!;
const job = as(applied, Job)[0];
const envNames = (c: IContainer) => (c.env ?? []).map((e) => e.name);
const secretKey = (c: IContainer, name: string) => c.env?.find((e) => e.name === name)?.valueFrom?.secretKeyRef;

/** Nest's route of a HealthController handler: 'health' + the handler's own path. */
function healthRoute(handler: 'live' | 'ready'): string {
  return `/${Reflect.getMetadata('path', HealthController) as string}/${Reflect.getMetadata('path', HealthController.prototype[handler]) as string}`;
}

describe('config/k8s', () => {
  it('should apply every manifest in the folder through kustomization.yaml, with the secrets as templates only', () => {
    const files = readdirSync(K8S_DIR).filter((f) => /\.ya?ml$/.test(f) && f !== 'kustomization.yaml');

    expect(kustomization.resources.filter((f) => !existsSync(join(K8S_DIR, f)))).toEqual([]);
    expect(files.sort()).toEqual([...kustomization.resources, SECRET_TEMPLATES].sort());
    expect(as(applied, Secret)).toEqual([]);
  });

  it('should mount one shared volume for export archives in api and worker pods, at NEONHUB_DATA_DIR/exports', () => {
    const claims = as(applied, PersistentVolumeClaim);
    const exportsDir = `${configMap.data!.NEONHUB_DATA_DIR}/exports`;
    for (const component of ['api', 'worker']) {
      const pod = deployment(component).spec!.template.spec!;
      const mount = container(component).volumeMounts?.find((m) => m.mountPath === exportsDir);
      const volume = pod.volumes?.find((v) => v.name === mount?.name);
      expect({ component, claim: volume?.persistentVolumeClaim?.claimName }).toEqual({ component, claim: 'neonhub-exports' });
    }
    expect(claims.map((c) => [c.metadata?.name, c.spec?.accessModes])).toEqual([['neonhub-exports', ['ReadWriteMany']]]);
  });

  it('should validate every manifest against its kind schema', () => {
    expect(all.length).toBeGreaterThanOrEqual(14);
    expect(all.map((m) => [m.file, m.name, schemaProblem(m) ?? 'valid'])).toEqual(all.map((m) => [m.file, m.name, 'valid']));
  });

  it('should put everything in the namespace kustomize sets, which it also creates', () => {
    expect(as(applied, Namespace).map((n) => n.metadata?.name)).toEqual([kustomization.namespace]);
    expect(all.filter((m) => (m.body.metadata as { namespace?: string }).namespace !== undefined).map((m) => m.name)).toEqual([]);
  });

  it('should run the images kustomization.yaml pins, and only those', () => {
    const images = new Set([...deployments.map((d) => d.spec!.template.spec), job.spec!.template.spec].flatMap((pod) => containersOf(pod).map((c) => c.image)));

    expect([...images].sort()).toEqual(kustomization.images.map((i) => i.name).sort());
  });

  it.each(['api', 'worker'])('should probe the %s on the health routes the app serves, on a port its container opens', (component) => {
    const { livenessProbe, readinessProbe, startupProbe, ports } = container(component);
    const opened = new Set((ports ?? []).flatMap((p) => [p.name, p.containerPort]));

    expect([livenessProbe?.httpGet?.path, readinessProbe?.httpGet?.path, startupProbe?.httpGet?.path]).toEqual([healthRoute('live'), healthRoute('ready'), healthRoute('live')]);
    for (const probe of [livenessProbe, readinessProbe, startupProbe]) expect(opened.has(probe!.httpGet!.port)).toBe(true);
  });

  it('should open the ports the ConfigMap tells the app to listen on', () => {
    expect(container('api').ports?.map((p) => p.containerPort)).toEqual([Number(configMap.data!.PORT)]);
    expect(container('worker').ports?.map((p) => p.containerPort)).toEqual([Number(configMap.data!.WORKER_PORT)]);
  });

  it('should hold in its ConfigMap a configuration the app accepts', () => {
    const env = { ...configMap.data, DATABASE_URL: 'postgresql://neonhub_app:x@postgres:5432/neonhub', NEONHUB_ENCRYPTION_KEYS_FILE: undefined, NEONHUB_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}` };

    expect(() => loadConfig(env)).not.toThrow();
  });

  it.each(['api', 'worker'])('should give the %s a grace period longer than its preStop pause plus the drain budget (SHUTDOWN_TIMEOUT_MS)', (component) => {
    const env = { ...configMap.data, DATABASE_URL: 'postgresql://x@postgres/neonhub', NEONHUB_ENCRYPTION_KEYS_FILE: undefined, NEONHUB_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}` };
    const drainSeconds = loadConfig(env).shutdownTimeoutMs / 1000;
    const pod = deployment(component).spec!.template.spec!;

    expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(preStopSeconds(pod.containers[0]) + drainSeconds + 5);
  });

  it('should run every pod as a non-root user, every container without privilege, on a read-only root, with resources requested and limited', () => {
    for (const pod of [...deployments.map((d) => d.spec!.template.spec!), job.spec!.template.spec!]) {
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: expect.any(Number) as number });
      expect(pod.securityContext!.runAsUser).toBeGreaterThan(0);
      for (const c of containersOf(pod)) {
        expect({ name: c.name, ...c.securityContext }).toMatchObject({ name: c.name, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
        expect({ name: c.name, ...c.resources }).toEqual({
          name: c.name,
          requests: { cpu: expect.any(String), memory: expect.any(String) },
          limits: { cpu: expect.any(String), memory: expect.any(String) },
        });
      }
    }
  });

  it('should route each Service to the pods of exactly one Deployment, on a port they open', () => {
    for (const service of as(applied, Service)) {
      const targets = deployments.filter((d) => selects(service.spec?.selector, d.spec?.template.metadata?.labels));
      expect({ service: service.metadata?.name, targets: targets.length }).toEqual({ service: service.metadata?.name, targets: 1 });
      const opened = new Set(targets[0].spec!.template.spec!.containers.flatMap((c) => (c.ports ?? []).flatMap((p) => [p.name, p.containerPort])));
      for (const port of service.spec?.ports ?? []) expect(opened.has(port.targetPort ?? port.port)).toBe(true);
    }
  });

  it('should cover the api and the worker with disruption budgets that select their pods', () => {
    const covered = as(applied, PodDisruptionBudget).flatMap((pdb) => deployments.filter((d) => selects(pdb.spec?.selector?.matchLabels, d.spec?.template.metadata?.labels)));

    expect(covered.map((d) => d.metadata?.name).sort()).toEqual(['neonhub-api', 'neonhub-worker']);
  });

  it('should scale the worker Deployment with KEDA on the queue metrics the app exports', () => {
    const [scaled] = as(applied, ScaledObject);
    const target = scaled.spec.scaleTargetRef;

    expect({ kind: target.kind, name: target.name }).toEqual({ kind: 'Deployment', name: deployment('worker').metadata?.name });
    expect(container('worker').command).toEqual(['node', 'dist/src/worker.js']);
    expect(scaled.spec.triggers.map((t) => [t.type, metricNamesOf(String(t.metadata.query))])).toEqual([
      ['prometheus', ['neonhub_queue_jobs_pending']],
      ['prometheus', ['neonhub_queue_oldest_waiting_job_age_seconds']],
    ]);
    // Only this namespace's queues: another environment on the same Prometheus must not scale these workers.
    for (const trigger of scaled.spec.triggers) expect(String(trigger.metadata.query)).toContain(`namespace="${kustomization.namespace}"`);
  });

  it('should run db:roles with the administrative URL, then db:migrate with the migration URL, in the migration Job', () => {
    const pod = job.spec!.template.spec!;
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

    expect(pod.initContainers?.map((c) => [c.command?.at(-1), envNames(c).filter((n) => n.startsWith('DATABASE_URL'))])).toEqual([['db:roles', ['DATABASE_URL_ADMIN']]]);
    expect(pod.containers.map((c) => [c.command?.at(-1), envNames(c).filter((n) => n.startsWith('DATABASE_URL'))])).toEqual([['db:migrate', ['DATABASE_URL_MIGRATE']]]);
    expect(secretKey(pod.containers[0], 'DATABASE_URL_MIGRATE')).toEqual({ name: 'neonhub-database', key: 'DATABASE_URL_MIGRATE' });
    expect(['db:roles', 'db:migrate'].filter((s) => !(s in scripts))).toEqual([]);
  });

  it.each(['api', 'worker'])('should connect the %s with the application URL only, which the secret template gives neonhub_app', (component) => {
    const c = container(component);
    const template = as(templates, Secret).find((s) => s.metadata?.name === secretKey(c, 'DATABASE_URL')?.name);

    expect(envNames(c).filter((n) => n.startsWith('DATABASE_URL'))).toEqual(['DATABASE_URL']);
    expect(secretKey(c, 'DATABASE_URL')?.key).toBe('DATABASE_URL');
    expect(new URL(template!.stringData!.DATABASE_URL).username).toBe('neonhub_app');
  });

  it('should refer only to ConfigMaps, Secrets and keys that are defined', () => {
    const defined = new Map([...as(all, ConfigMap), ...as(all, Secret)].map((o) => [o.metadata!.name!, new Set(Object.keys({ ...o.data, ...('stringData' in o ? o.stringData : {}) }))]));
    const pods = [...deployments.map((d) => d.spec!.template.spec!), job.spec!.template.spec!];
    const references = pods.flatMap((pod) => [
      ...containersOf(pod).flatMap((c) => [
        ...(c.envFrom ?? []).flatMap((f) => [f.configMapRef?.name, f.secretRef?.name]).filter((n): n is string => !!n).map((name) => ({ name, key: undefined })),
        ...(c.env ?? []).flatMap((e) => [e.valueFrom?.secretKeyRef, e.valueFrom?.configMapKeyRef]).filter((r) => !!r).map((r) => ({ name: r!.name!, key: r!.key })),
      ]),
      ...(pod.volumes ?? []).filter((v) => v.secret).map((v) => ({ name: v.secret!.secretName!, key: undefined })),
    ]);

    expect(references.length).toBeGreaterThan(5);
    expect(references.filter((r) => !defined.has(r.name) || (r.key !== undefined && !defined.get(r.name)!.has(r.key)))).toEqual([]);
  });

  it('should let traffic reach the api and worker ports only, and let them reach DNS, Postgres, Redis and HTTPS providers', () => {
    const policies = as(applied, NetworkPolicy);
    const policyOf = (component: string) => policies.find((p) => selects(p.spec?.podSelector.matchLabels, deployment(component).spec!.template.metadata!.labels) && p.spec?.ingress)!;
    const deny = policies.find((p) => !p.spec?.ingress && !p.spec?.egress)!;

    expect(deny.spec?.policyTypes).toEqual(['Ingress', 'Egress']);
    for (const component of ['api', 'worker']) {
      const policy = policyOf(component);
      expect(policy.spec?.ingress?.flatMap((rule) => (rule.ports ?? []).map((p) => p.port))).toEqual(container(component).ports?.map((p) => p.containerPort));
      const egress = policy.spec?.egress?.flatMap((rule) => (rule.ports ?? []).map((p) => `${p.protocol} ${p.port}`)) ?? [];
      expect(egress).toEqual(expect.arrayContaining(['UDP 53', 'TCP 53', 'TCP 5432', 'TCP 6379', 'TCP 443']));
    }
  });

  describe('against the metrics the API and the worker export', () => {
    let exported: Set<string>;
    beforeAll(async () => {
      exported = await exportedSeriesNames();
    }, 90_000);

    it('should scale on metrics that exist', () => {
      const used = as(applied, ScaledObject).flatMap((s) => s.spec.triggers.flatMap((t) => metricNamesOf(String(t.metadata.query))));

      expect(used.filter((name) => !exported.has(name))).toEqual([]);
    });
  });
});
