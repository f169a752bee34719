import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError } from '../../common/errors/domain-errors';
import { APP_CONFIG } from '../../config/config.module';
import { ConfigurationError, type AppConfig } from '../../config/app-config';
import type { ConnectorModeSetting } from '../../config/connectors-config';
import type { ConnectorDefinition } from './connector-definition';
import type { ConnectorManifest, ConnectorProvider } from './connector.types';
import { ProviderHttpClient } from './http/provider-http-client';
import { MockConnector } from './mock/mock-connector';
import { MockState } from './mock/mock-state';
import { CONNECTOR_DEFINITIONS } from './providers';
import { RealConnector } from './real-connector';


/**
 * Binds every provider to its real or mock implementation once, at boot, from configuration:
 * CONNECTOR_<KEY>_MODE for one, else USE_MOCK_CONNECTORS for all, else mock in test and
 * development and real in production (where a provider without a real implementation is left
 * disabled unless mock is asked for explicitly). Asking for real where none exists fails the
 * boot with the variable to change, never a customer's first call.
 */
@Injectable()
export class ConnectorRegistry {
  private readonly providers = new Map<string, ConnectorProvider>();
  private readonly manifests: ConnectorManifest[];

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, private readonly mockState: MockState) {
    this.manifests = CONNECTOR_DEFINITIONS.map((d) => d.manifest);
    for (const definition of CONNECTOR_DEFINITIONS) {
      const provider = this.bind(definition);
      if (provider) this.providers.set(definition.manifest.key, provider);
    }
  }

  /** Every known manifest, enabled or not (the catalog seeds them all). */
  allManifests(): ConnectorManifest[] {
    return this.manifests;
  }

  enabled(): ConnectorProvider[] {
    return [...this.providers.values()];
  }

  get(key: string): ConnectorProvider {
    const provider = this.providers.get(key);
    if (!provider) throw new NotFoundError('connector', key);
    return provider;
  }

  get anyMockActive(): boolean {
    return this.enabled().some((p) => p.mode === 'mock');
  }

  mode(key: string): ConnectorModeSetting {
    return this.providers.get(key)?.mode ?? 'disabled';
  }

  private bind(definition: ConnectorDefinition): ConnectorProvider | undefined {
    const { manifest } = definition;
    const mode = connectorMode(this.config, definition);
    if (mode === 'disabled') return undefined;
    if (mode === 'mock') return new MockConnector(manifest, definition.mock, this.mockState);
    const baseUrl = this.config.connectors.baseUrls[manifest.key] ?? manifest.defaultBaseUrl ?? '';
    return new RealConnector(
      manifest,
      definition.real!({ baseUrl, http: (options = {}) => new ProviderHttpClient(options.baseUrl ?? baseUrl, manifest.key, options.refine) }),
    );
  }

}

function resolveMode(config: AppConfig, manifest: ConnectorManifest): ConnectorModeSetting {
  const { modes, useMock } = config.connectors;
  const explicit = modes[manifest.key];
  if (explicit) return explicit;
  if (useMock !== undefined) return useMock ? 'mock' : manifest.realAvailable ? 'real' : 'disabled';
  if (config.nodeEnv !== 'production') return 'mock';
  return manifest.realAvailable ? 'real' : 'disabled';
}

/** The mode a connector runs in; real where no real implementation exists is a configuration error. */
export function connectorMode(config: AppConfig, definition: ConnectorDefinition): ConnectorModeSetting {
  const mode = resolveMode(config, definition.manifest);
  if (mode === 'real' && (!definition.manifest.realAvailable || !definition.real)) {
    const key = definition.manifest.key;
    throw new ConfigurationError(`Invalid configuration: connector ${key} has no real implementation yet; set CONNECTOR_${key.toUpperCase()}_MODE=mock or disabled`);
  }
  return mode;
}

/** Run before the app is built, so a bad binding is one line at boot like any other configuration error. */
export function assertConnectorModes(config: AppConfig): void {
  for (const definition of CONNECTOR_DEFINITIONS) connectorMode(config, definition);
}
