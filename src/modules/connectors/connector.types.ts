import type { ConnectorKind } from '../../generated/prisma/enums';

export type ConnectorAuthType = 'oauth2' | 'api_key' | 'basic' | 'smtp';
export type ConnectorMode = 'real' | 'mock';

/** What an action does to the outside world: writes are retried only when that cannot duplicate them. */
export type ActionEffect = 'read' | 'write';

export interface ConnectorAction<TInput extends object = object, TOutput = unknown> {
  name: string;
  description: string;
  effect: ActionEffect;
  /** class-validator DTO; mocks and real providers validate the same input. */
  input: new () => TInput;
  /** Example output shape, documented in the catalog; providers return this shape. */
  outputExample: TOutput;
}

export interface OAuthEndpoints {
  authorizeUrl: string;
  tokenUrl: string;
  /** RFC 6749 says spaces; Slack and TikTok want commas. */
  scopeSeparator?: ' ' | ',';
  /** How the token endpoint authenticates our client: form body (default) or HTTP Basic (X, Reddit). */
  clientAuthentication?: 'body' | 'basic';
  /** TikTok names it client_key. */
  clientIdParam?: string;
  /** E.g. Google's access_type=offline&prompt=consent (refresh tokens), Reddit's duration=permanent. */
  extraAuthorizeParams?: Record<string, string>;
}

export interface ConnectorManifest {
  key: string;
  displayName: string;
  kind: ConnectorKind;
  authType: ConnectorAuthType;
  scopes: string[];
  /** The provider's documented limit, enforced per (organization, connector) before each call. */
  rateLimit: { requests: number; perSeconds: number };
  /** False: only the mock exists so far; real mode fails at boot, never at a customer's first call. */
  realAvailable: boolean;
  /** The provider deduplicates writes by an idempotency key we send: a failed write may then be retried. */
  idempotentWrites: boolean;
  /** Public API root; overridable per connector with CONNECTOR_<KEY>_BASE_URL. */
  defaultBaseUrl?: string;
  oauth?: OAuthEndpoints;
  /** Credential fields for api_key/basic/smtp connectors (PUT /v1/connectors/:key/credentials). */
  secretFields: string[];
  /** Non-secret fields kept in clear (shop domain, team id, phone-number id). */
  metadataFields: string[];
  actions: ConnectorAction[];
}

/** Decrypted credentials of one connection; never logged, never returned. */
export type ConnectorSecrets = Record<string, string>;

export interface ConnectorCallContext {
  organizationId: string;
  connectionName: string;
  secrets: ConnectorSecrets;
  metadata: Record<string, string>;
  /** Stable across retries of one tool call; passed to providers that support idempotent writes. */
  idempotencyKey: string;
  signal: AbortSignal;
  baseUrl?: string;
}

export interface ConnectorProvider {
  readonly manifest: ConnectorManifest;
  readonly mode: ConnectorMode;
  execute(action: string, input: object, context: ConnectorCallContext): Promise<unknown>;
}
