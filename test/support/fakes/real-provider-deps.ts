import type { RealProviderFactoryDeps } from '../../../src/modules/connectors/connector-definition';
import type { ConnectorCallContext } from '../../../src/modules/connectors/connector.types';
import { ProviderHttpClient, type ErrorRefiner, type ProviderRequest, type ProviderResponse } from '../../../src/modules/connectors/http/provider-http-client';

/** The shared client, optionally with a shorter timeout so a slow fake proves TIMEOUT without a 10 s wait. */
class ShortTimeoutClient extends ProviderHttpClient {
  constructor(baseUrl: string, connector: string, refine: ErrorRefiner | undefined, private readonly timeoutMs: number | undefined) {
    super(baseUrl, connector, refine);
  }

  override request<T = unknown>(request: ProviderRequest): Promise<ProviderResponse<T>> {
    return super.request<T>({ ...request, timeoutMs: request.timeoutMs ?? this.timeoutMs });
  }
}

/** What ConnectorRegistry hands a real provider, pointed at a local fake (same client, real HTTP). */
export function realProviderDeps(baseUrl: string, connector: string, options: { timeoutMs?: number } = {}): RealProviderFactoryDeps {
  return {
    baseUrl,
    http: (o = {}) => new ShortTimeoutClient(o.baseUrl ?? baseUrl, connector, o.refine, options.timeoutMs),
  };
}

/** A call context as ConnectorsService builds it. */
export function callContext(overrides: Partial<ConnectorCallContext> = {}): ConnectorCallContext {
  return {
    organizationId: 'org-1',
    connectionName: 'default',
    secrets: {},
    metadata: {},
    idempotencyKey: 'run-1:0',
    signal: new AbortController().signal,
    ...overrides,
  };
}
