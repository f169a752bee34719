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

export const CONNECTOR_DEFINITIONS_TOKEN = Symbol('CONNECTOR_DEFINITIONS');

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
    const mode = this.resolveMode(manifest);
    if (mode === 'disabled') return undefined;
    if (mode === 'mock') return new MockConnector(manifest, definition.mock, this.mockState);
    if (!manifest.realAvailable || !definition.real) {
      throw new ConfigurationError(
        `Invalid configuration: connector ${manifest.key} has no real implementation yet; set CONNECTOR_${manifest.key.toUpperCase()}_MODE=mock or disabled`,
      );
    }
    const baseUrl = this.config.connectors.baseUrls[manifest.key] ?? manifest.defaultBaseUrl ?? '';
    return new RealConnector(
      manifest,
      definition.real({ baseUrl, http: (options = {}) => new ProviderHttpClient(options.baseUrl ?? baseUrl, manifest.key, options.refine) }),
    );
  }

  private resolveMode(manifest: ConnectorManifest): ConnectorModeSetting {
    const { modes, useMock } = this.config.connectors;
    const explicit = modes[manifest.key];
    if (explicit) return explicit;
    if (useMock !== undefined) return useMock ? 'mock' : manifest.realAvailable ? 'real' : 'disabled';
    if (this.config.nodeEnv !== 'production') return 'mock';
    return manifest.realAvailable ? 'real' : 'disabled';
  }
}
