import type { ConnectorCallContext, ConnectorManifest } from './connector.types';
import type { ErrorRefiner, ProviderHttpClient } from './http/provider-http-client';

/**
 * What one organization's mock of one connector remembers between calls, e.g. the budget a write
 * set, so the reads after it answer what a real account would. Kept beside the outbox (Redis).
 */
export interface MockFacts {
  get(name: string): Promise<string | undefined>;
  set(name: string, value: string): Promise<void>;
}

/** What a mock action computes its answer from: the input, the sequence, the call's clock and the facts earlier writes left; never randomness. */
export interface MockActionContext extends ConnectorCallContext {
  /** 1, 2, 3, ... per (organization, connector): realistic ids without global state leaking across tenants. */
  sequence: number;
  /** The call's instant (ms since the epoch), from the mock's clock: timestamps are relative to it. */
  now: number;
  /** A stable id derived from the input and the sequence, e.g. for message ids. */
  deterministicId(prefix: string): string;
  facts: MockFacts;
}

/** An action's answer, or a promise of it (an action that reads or writes its facts). */
export type MockBehaviour = Record<string, (input: Record<string, unknown>, context: MockActionContext) => unknown>;

export interface RealProviderFactoryDeps {
  /** CONNECTOR_<KEY>_BASE_URL, else the manifest's defaultBaseUrl. */
  baseUrl: string;
  /** The shared client (timeouts, safe retries, 429 handling, error categories) for this provider. */
  http(options?: { baseUrl?: string; refine?: ErrorRefiner }): ProviderHttpClient;
}

/** A real implementation: one method per action name. */
export type RealActions = Record<string, (input: Record<string, unknown>, context: ConnectorCallContext) => Promise<unknown>>;

/**
 * One vendor: its manifest, how its mock answers, and (when `manifest.realAvailable`) how its
 * real implementation is built. Providers live in providers/<vendor>/ and are listed in
 * providers/index.ts.
 */
export interface ConnectorDefinition {
  manifest: ConnectorManifest;
  mock: MockBehaviour;
  real?: (deps: RealProviderFactoryDeps) => RealActions;
}
