import { ScaledObject } from '@kubernetes-models/keda/keda.sh/v1alpha1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { Job } from 'kubernetes-models/batch/v1';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Namespace, PersistentVolumeClaim, Secret, Service } from 'kubernetes-models/v1';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

export const K8S_DIR = join(__dirname, '..', '..', 'config', 'k8s');

/** The kinds the manifests may use, each with the model whose validate() checks it against its schema. */
const MODELS = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'v1/PersistentVolumeClaim': PersistentVolumeClaim,
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'keda.sh/v1alpha1/ScaledObject': ScaledObject,
} as const;

export interface Manifest {
  file: string;
  key: string;
  name: string;
  body: Record<string, unknown>;
}

/** Every document of `file`: YAML errors and kinds outside MODELS throw, naming the file. */
export function readManifests(file: string): Manifest[] {
  return parseAllDocuments(readFileSync(join(K8S_DIR, file), 'utf8')).map((document, index) => {
    if (document.errors.length > 0) throw new Error(`${file} document ${index}: ${document.errors[0].message}`);
    const body = document.toJS() as { apiVersion?: string; kind?: string; metadata?: { name?: string } };
    const key = `${body.apiVersion}/${body.kind}`;
    if (!(key in MODELS)) throw new Error(`${file} document ${index}: unknown kind ${key}`);
    return { file, key, name: body.metadata?.name ?? '', body: body as Record<string, unknown> };
  });
}

/** Schema problems of one manifest (the message of its model's validate()), or undefined. */
export function schemaProblem(manifest: Manifest): string | undefined {
  const Model = MODELS[manifest.key as keyof typeof MODELS];
  try {
    new Model(manifest.body as never).validate();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

export function as<T>(manifests: Manifest[], Model: { kind: string; apiVersion: string; new (data: never): T }): T[] {
  return manifests.filter((m) => m.key === `${Model.apiVersion}/${Model.kind}`).map((m) => new Model(m.body as never));
}

/** Whether `selector` (matchLabels or a Service's plain map) selects pods labelled `labels`. */
export function selects(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  const wanted = Object.entries(selector ?? {});
  return wanted.length > 0 && wanted.every(([k, v]) => labels?.[k] === v);
}

export function containersOf(pod: IPodSpec | undefined): IContainer[] {
  return [...(pod?.initContainers ?? []), ...(pod?.containers ?? [])];
}

/** The seconds of a `sleep N` preStop hook, 0 without one. */
export function preStopSeconds(container: IContainer): number {
  const hook = container.lifecycle?.preStop;
  if (hook?.sleep) return hook.sleep.seconds;
  const [command, seconds] = hook?.exec?.command ?? [];
  return command === 'sleep' ? Number(seconds) : 0;
}
