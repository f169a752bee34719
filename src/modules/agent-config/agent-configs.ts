import { Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { ValidationFailedError } from '../../common/errors/domain-errors';
import type { Owner } from '../api-keys/api-keys.service';
import { AgentRegistry } from '../agents/agent-registry';
import type { AgentDefinition } from '../agents/agent.types';
import { ConfigVersionMismatchError } from './agent-config-errors';
import { AgentConfigRules } from './agent-config-rules';
import type { EffectiveAgentConfig } from './agent-config.types';
import { CONFIG_FIELDS, type ConfigField, effectiveOf, isConfigField, type StoredConfig, valuesFrom, valuesOf } from './config-values';
import { type ConfigView, ConfigViews } from './config-view';
import { ConfigWriter } from './config-writer';
import type { AgentConfigInput } from './dto/agent-config.input';
import { AgentConfigsRepository } from './persistence/agent-configs.repository';
import type { ConfigChangeRecord } from './persistence/config-changes.repository';

/** A change the learning agent makes: one field, why, and the run that decided it (so it can be reverted and traced). */
export interface LearningChange {
  field: ConfigField | string;
  after: unknown;
  reason: string;
  source: 'learning';
  runId: string;
}

export interface AppliedChange {
  config: EffectiveAgentConfig;
  /** Null when the field already held that value: nothing was written. */
  change: ConfigChangeRecord | null;
}

/**
 * Organizations' configurations of agents: what an agent acts on (`effective`), a person's whole
 * replacement, and single changes below the API (the learning agent's). Other modules use this
 * service; the writing itself is ConfigWriter's.
 */
@Injectable()
export class AgentConfigs {
  constructor(
    private readonly agents: AgentRegistry,
    private readonly configs: AgentConfigsRepository,
    private readonly rules: AgentConfigRules,
    private readonly writer: ConfigWriter,
    private readonly views: ConfigViews,
  ) {}

  /** The configuration with defaults filled in (every declared write approved by a person unless set otherwise). AgentNotFoundError for an agent not registered. */
  async effective(organizationId: string, agentName: string): Promise<EffectiveAgentConfig> {
    const agent = this.agents.get(agentName).definition;
    return this.effectiveOf(agent, await this.configs.find(organizationId, agent.name));
  }

  async read(organizationId: string, agentName: string): Promise<ConfigView> {
    const agent = this.agents.get(agentName).definition;
    const stored = await this.configs.find(organizationId, agent.name);
    return this.views.of(organizationId, agent, this.effectiveOf(agent, stored), stored);
  }

  /** A whole configuration (what it leaves out returns to its default); `expectedVersion` from If-Match (0: never configured). */
  @Transactional()
  async replace(caller: Owner, agentName: string, input: AgentConfigInput, expectedVersion?: number): Promise<ConfigView> {
    const agent = this.agents.get(agentName).definition;
    const current = await this.configs.lock(caller.organizationId, agent.name);
    const version = current?.version ?? 0;
    if (expectedVersion !== undefined && expectedVersion !== version) throw new ConfigVersionMismatchError(agent.name, expectedVersion, version);
    const next = valuesOf(input, agent.writes ?? []);
    const { stored } = await this.writer.write(caller.organizationId, agent, current, next, { source: 'person', userId: caller.userId }, CONFIG_FIELDS);
    return this.views.of(caller.organizationId, agent, this.effectiveOf(agent, stored), stored);
  }

  /**
   * One field set to `after` by the learning agent, checked as a person's change would be, and
   * reversible the same way (POST .../changes/:id/revert). Joins the caller's transaction (a run's
   * commit), so a failed run changes nothing.
   */
  @Transactional()
  async applyChange(organizationId: string, agentName: string, change: LearningChange): Promise<AppliedChange> {
    const { field } = change;
    if (!isConfigField(field)) throw new ValidationFailedError(['field'], `invalid change: ${field} is not a configuration field; fields: ${CONFIG_FIELDS.join(', ')}`);
    const agent = this.agents.get(agentName).definition;
    const current = await this.configs.lock(organizationId, agent.name);
    const requested = { ...valuesFrom(this.effectiveOf(agent, current)), [field]: change.after };
    await this.rules.checkShape(requested);
    const next = valuesOf(requested as AgentConfigInput, agent.writes ?? []);
    const origin = { source: change.source, runId: change.runId, reason: change.reason };
    const { stored, changes } = await this.writer.write(organizationId, agent, current, next, origin, [field]);
    return { config: this.effectiveOf(agent, stored), change: changes[0] ?? null };
  }

  private effectiveOf(agent: AgentDefinition, stored: StoredConfig | null): EffectiveAgentConfig {
    return effectiveOf(agent.name, agent.writes ?? [], stored);
  }
}
