import { Inject, Injectable } from '@nestjs/common';
import type { AgentDefinition } from '../agents/agent.types';
import { CREDENTIALS_PROVIDER, type CredentialsProvider } from '../connectors/vault/credentials-provider';
import type { EffectiveAgentConfig } from './agent-config.types';
import type { StoredConfig } from './config-values';

/** What the agent can do, from its definition: the writes a configuration governs and the tools it may call. */
export interface AgentCapability {
  kind: string;
  writes: string[];
  tools: string[];
}

export interface ConnectionState {
  connector: string;
  /** Whether the organization connected it (credentials or OAuth); an agent acting through one not connected fails. */
  connected: boolean;
}

/** An agent's configuration as a person reviews it. */
export interface ConfigView {
  config: EffectiveAgentConfig;
  /** Null: never configured (every value is the default). */
  updatedAt: Date | null;
  connectionStates: Record<string, ConnectionState>;
  capability: AgentCapability;
}

/**
 * Builds the review view. Connections are only checked to exist when written: whether the
 * organization connected each connector can change at any time, so it is reported here instead.
 */
@Injectable()
export class ConfigViews {
  constructor(@Inject(CREDENTIALS_PROVIDER) private readonly credentials: CredentialsProvider) {}

  async of(organizationId: string, agent: AgentDefinition, config: EffectiveAgentConfig, stored: Pick<StoredConfig, 'updatedAt'> | null): Promise<ConfigView> {
    const channels = Object.entries(config.connections);
    const connected = channels.length > 0 ? await this.credentials.connectedKeys(organizationId) : new Set<string>();
    return {
      config,
      updatedAt: stored?.updatedAt ?? null,
      connectionStates: Object.fromEntries(channels.map(([channel, connector]) => [channel, { connector, connected: connected.has(connector) }])),
      capability: { kind: agent.kind, writes: [...(agent.writes ?? [])], tools: [...agent.tools] },
    };
  }
}
