import { Inject, Injectable } from '@nestjs/common';
import { ValidationFailedError } from '../../common/errors/domain-errors';
import { validatePlain } from '../../common/validation/validate-plain';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import type { AgentDefinition } from '../agents/agent.types';
import { BrandNotFoundError } from '../brands/brand-errors';
import { ConnectorRegistry } from '../connectors/connector-registry';
import type { ConfigField, ConfigValues } from './config-values';
import { AgentConfigInput } from './dto/agent-config.input';

/** A channel is a connector kind, lower-cased: `email` is served by gmail, outlook and smtp. */
export function channelOf(kind: string): string {
  return kind.toLowerCase();
}

/**
 * What a configuration may say in this deployment and organization, beyond its shape: a
 * temperature and a model the operator allows, approval policies only for writes the agent
 * declares, connections through connectors that exist here and serve the channel, and a brand of
 * the organization's own.
 */
@Injectable()
export class AgentConfigRules {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly connectors: ConnectorRegistry,
  ) {}

  /** The shape (AgentConfigInput), for values that did not come through the HTTP body: a learning change. */
  async checkShape(values: ConfigValues): Promise<void> {
    await validatePlain(AgentConfigInput, { ...values }, 'config', 'agent configuration');
  }

  /**
   * Checks `fields` of `values`: all of them for a whole configuration sent, only the changed one
   * for a single change (a value the deployment stopped allowing elsewhere does not block it).
   * `isOrganizationBrand` answers for the caller's organization.
   */
  async check(agent: AgentDefinition, values: ConfigValues, fields: readonly ConfigField[], isOrganizationBrand: (brandId: string) => Promise<boolean>): Promise<void> {
    if (fields.includes('temperature')) this.checkTemperature(values.temperature);
    if (fields.includes('model')) this.checkModel(values.model);
    if (fields.includes('approvalPolicies')) this.checkPolicies(agent, values.approvalPolicies);
    if (fields.includes('connections')) this.checkConnections(values.connections);
    if (fields.includes('brandId') && values.brandId !== null && !(await isOrganizationBrand(values.brandId))) throw new BrandNotFoundError(values.brandId);
  }

  private checkTemperature(temperature: number | null): void {
    const max = this.config.agents.maxTemperature;
    if (temperature !== null && temperature > max) {
      throw new ValidationFailedError(['temperature'], `invalid request: temperature must be at most ${max} in this deployment (AGENT_MAX_TEMPERATURE)`);
    }
  }

  private checkModel(model: string | null): void {
    const allowed = this.config.llm.allowedModels;
    if (model !== null && !allowed.includes(model)) {
      throw new ValidationFailedError(['model'], `invalid request: model ${model} is not allowed in this deployment; allowed: ${allowed.join(', ')}`);
    }
  }

  private checkPolicies(agent: AgentDefinition, policies: Record<string, unknown>): void {
    const writes = agent.writes ?? [];
    const unknown = Object.keys(policies).find((action) => !writes.includes(action));
    if (unknown === undefined) return;
    const declared = writes.length > 0 ? `its writes: ${writes.join(', ')}` : 'it declares none';
    throw new ValidationFailedError([`approvalPolicies.${unknown}`], `invalid request: agent ${agent.name} has no write action ${unknown} (${declared})`);
  }

  private checkConnections(connections: Record<string, string>): void {
    const enabled = this.connectors.enabled().map((provider) => provider.manifest);
    const channels = [...new Set(this.connectors.allManifests().map((manifest) => channelOf(manifest.kind)))].sort();
    for (const [channel, key] of Object.entries(connections)) {
      if (!channels.includes(channel)) {
        throw new ValidationFailedError([`connections.${channel}`], `invalid request: unknown channel ${channel}; channels: ${channels.join(', ')}`);
      }
      const serving = enabled.filter((manifest) => channelOf(manifest.kind) === channel).map((manifest) => manifest.key);
      if (!serving.includes(key)) {
        const offered = serving.length > 0 ? `connectors for ${channel} here: ${serving.join(', ')}` : `no connector for ${channel} is enabled here`;
        throw new ValidationFailedError([`connections.${channel}`], `invalid request: connector ${key} does not serve channel ${channel} in this deployment (${offered})`);
      }
    }
  }
}
