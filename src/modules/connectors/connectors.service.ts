import { Injectable } from '@nestjs/common';
import { validatePlain, wasValidated } from '../../common/validation/validate-plain';
import { NotFoundError } from '../../common/errors/domain-errors';
import { ConnectorError } from './connector-error';
import { ConnectorGuards } from './connector-guards';
import { ConnectorMetrics } from './connector-metrics';
import { ConnectorRegistry } from './connector-registry';
import type { ConnectorProvider } from './connector.types';
import { CREDENTIALS_PROVIDER, type CredentialsProvider } from './vault/credentials-provider';
import { Inject } from '@nestjs/common';

export interface InvokeOptions {
  idempotencyKey: string;
  signal: AbortSignal;
}

/**
 * Every connector call, from an agent's tool proxy or a direct invocation: input validated like
 * the provider's own API would, credentials from the vault (real mode), the provider's rate limit
 * and the tenant's breaker, metrics, and one error category per failure. A write that may have
 * reached the provider is marked not retryable unless the provider deduplicates it.
 */
@Injectable()
export class ConnectorsService {
  constructor(
    private readonly registry: ConnectorRegistry,
    private readonly guards: ConnectorGuards,
    private readonly metrics: ConnectorMetrics,
    @Inject(CREDENTIALS_PROVIDER) private readonly credentials: CredentialsProvider,
  ) {}

  /**
   * 404 for an unknown connector or action, 400 naming the fields for bad input: before any run is
   * recorded. The parsed input it returns is not validated again when it reaches `invoke`.
   */
  async validate(key: string, actionName: string, input: unknown): Promise<object> {
    return this.parse(key, actionName, this.action(key, actionName).action.input, input);
  }

  private parse(key: string, actionName: string, dto: new () => object, input: unknown): Promise<object> {
    return wasValidated(dto, input) ? Promise.resolve(input) : validatePlain(dto, input, 'input', `input for ${key}.${actionName}`);
  }

  private action(key: string, actionName: string) {
    const provider = this.registry.get(key);
    const action = provider.manifest.actions.find((a) => a.name === actionName);
    if (!action) throw new NotFoundError('connector action', `${key}.${actionName}`);
    return { provider, action };
  }

  async invoke(organizationId: string, key: string, actionName: string, input: unknown, options: InvokeOptions): Promise<unknown> {
    const { provider, action } = this.action(key, actionName);
    const started = performance.now();
    try {
      const parsed = await this.parse(key, actionName, action.input, input);
      await this.guards.admit(provider.manifest, organizationId);
      const output = await this.guards.guard(provider.manifest, organizationId, () => this.call(provider, organizationId, actionName, parsed, options));
      this.metrics.observe(key, actionName, 'success', (performance.now() - started) / 1000);
      return output;
    } catch (error) {
      const outcome = error instanceof ConnectorError ? error.category : error instanceof Error && error.name === 'ValidationFailedError' ? 'INVALID_INPUT' : 'ERROR';
      this.metrics.observe(key, actionName, outcome, (performance.now() - started) / 1000);
      throw this.retrySafety(provider, actionName, error);
    }
  }

  private async call(provider: ConnectorProvider, organizationId: string, action: string, input: object, options: InvokeOptions): Promise<unknown> {
    return this.credentials.withCredentials(provider, organizationId, (connection) =>
      provider.execute(action, input, {
        organizationId,
        connectionName: connection.connectionName,
        secrets: connection.secrets,
        metadata: connection.metadata,
        idempotencyKey: options.idempotencyKey,
        signal: options.signal,
      }),
    );
  }

  /** Sending an email twice is worse than not sending it: such writes are not retried blindly. */
  private retrySafety(provider: ConnectorProvider, actionName: string, error: unknown): unknown {
    if (!(error instanceof ConnectorError) || !error.retryable) return error;
    const write = provider.manifest.actions.find((a) => a.name === actionName)?.effect === 'write';
    const mayHaveLanded = error.details.requestSent !== false;
    if (write && mayHaveLanded && !provider.manifest.idempotentWrites) {
      return Object.assign(new ConnectorError(error.category, `${error.message} (not retried: the write may have reached the provider)`, error.details), { retryable: false });
    }
    return error;
  }
}
