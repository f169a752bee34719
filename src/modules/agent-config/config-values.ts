import { isDeepStrictEqual } from 'node:util';
import type { ApprovalPolicy, EffectiveAgentConfig } from './agent-config.types';
import type { AgentConfigInput } from './dto/agent-config.input';

/** The configurable fields, in the order changes are listed. */
export const CONFIG_FIELDS = ['enabled', 'model', 'temperature', 'brandId', 'connections', 'approvalPolicies', 'promptHints', 'settings'] as const;
export type ConfigField = (typeof CONFIG_FIELDS)[number];

/** A configuration's values, without whose it is and its version. */
export type ConfigValues = Pick<EffectiveAgentConfig, ConfigField>;

/** As stored (JSON columns read back as unknown); null: the organization never set anything. */
export interface StoredConfig {
  id: string;
  enabled: boolean;
  model: string | null;
  temperature: number | null;
  brandId: string | null;
  connections: unknown;
  approvalPolicies: unknown;
  promptHints: string[];
  settings: unknown;
  version: number;
  updatedAt: Date;
}

export function isConfigField(field: string): field is ConfigField {
  return (CONFIG_FIELDS as readonly string[]).includes(field);
}

const objectOr = <T>(value: unknown, fallback: T): T => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as T) : fallback);

/**
 * Every declared write with its policy: the organization's where it set one, else `always`.
 * Policies of actions the agent no longer declares are dropped: they govern nothing.
 */
export function policiesFor(writes: readonly string[], set: Record<string, ApprovalPolicy>): Record<string, ApprovalPolicy> {
  return Object.fromEntries(writes.map((action) => [action, normalPolicy(set[action])]));
}

function normalPolicy(policy: ApprovalPolicy | undefined): ApprovalPolicy {
  if (!policy) return { mode: 'always' };
  // A threshold means something only to `above`: kept nowhere else, so equal policies compare equal.
  return policy.mode === 'above' ? { mode: 'above', threshold: policy.threshold } : { mode: policy.mode };
}

/** What the agent acts on: the stored configuration with the deployment's defaults filled in (safe ones: every write approved). */
export function effectiveOf(agent: string, writes: readonly string[], stored: StoredConfig | null): EffectiveAgentConfig {
  return {
    agent,
    enabled: stored?.enabled ?? true,
    model: stored?.model ?? null,
    temperature: stored?.temperature ?? null,
    brandId: stored?.brandId ?? null,
    connections: objectOr(stored?.connections, {}),
    approvalPolicies: policiesFor(writes, objectOr(stored?.approvalPolicies, {})),
    promptHints: stored?.promptHints ?? [],
    settings: objectOr(stored?.settings, {}),
    // 0: nothing stored yet (If-Match: 0 asks that nobody configured it meanwhile).
    version: stored?.version ?? 0,
  };
}

/**
 * A whole configuration as sent (a PUT body): what it leaves out takes its default, and every
 * declared write gets a policy. Policies of actions the agent does not declare are kept, for the
 * rules to refuse by name rather than drop without a word.
 */
export function valuesOf(input: AgentConfigInput, writes: readonly string[]): ConfigValues {
  const policies = input.approvalPolicies ?? {};
  return {
    enabled: input.enabled ?? true,
    model: input.model ?? null,
    temperature: input.temperature ?? null,
    brandId: input.brandId ?? null,
    connections: input.connections ?? {},
    approvalPolicies: { ...policiesFor(writes, policies), ...policiesFor(Object.keys(policies), policies) },
    promptHints: input.promptHints ?? [],
    settings: input.settings ?? {},
  };
}

export function valuesFrom(config: EffectiveAgentConfig): ConfigValues {
  return Object.fromEntries(CONFIG_FIELDS.map((field) => [field, config[field]])) as ConfigValues;
}

/** Fields whose value differs, compared as JSON (key order aside). */
export function changedFields(before: ConfigValues, after: ConfigValues): ConfigField[] {
  return CONFIG_FIELDS.filter((field) => !sameValue(before[field], after[field]));
}

export function sameValue(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(canonical(a), canonical(b));
}

/** JSON round trip with sorted keys: what the database gives back for what was written. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.keys(value).sort().filter((key) => (value as Record<string, unknown>)[key] !== undefined).map((key) => [key, canonical((value as Record<string, unknown>)[key])]));
  }
  return value ?? null;
}
