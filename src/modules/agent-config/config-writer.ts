import { Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { Prisma } from '../../generated/prisma/client';
import type { AgentDefinition } from '../agents/agent.types';
import { redactForStorage } from '../../infra/logging/redaction';
import { AuditService } from '../audit/audit.service';
import { AgentConfigRules } from './agent-config-rules';
import { changedFields, type ConfigField, type ConfigValues, effectiveOf, type StoredConfig, valuesFrom } from './config-values';
import { AgentConfigsRepository } from './persistence/agent-configs.repository';
import { type ChangeOrigin, type ConfigChangeRecord, ConfigChangesRepository } from './persistence/config-changes.repository';

export interface WrittenConfig {
  stored: StoredConfig | null;
  /** One per field that changed; none when the values were already those. */
  changes: ConfigChangeRecord[];
}

/**
 * The one way a configuration changes, for a person's PUT, the learning agent's change and a
 * revert alike: the values checked, the row written at the next version, one change row per field
 * (before and after, so each can be reverted) and an audit row, all in the caller's transaction,
 * under the row lock the caller took.
 */
@Injectable()
export class ConfigWriter {
  constructor(
    private readonly configs: AgentConfigsRepository,
    private readonly changes: ConfigChangesRepository,
    private readonly rules: AgentConfigRules,
    private readonly audit: AuditService,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext(ConfigWriter.name);
  }

  /** `checked`: the fields the rules check (all for a whole configuration sent, the changed one otherwise). */
  async write(organizationId: string, agent: AgentDefinition, current: StoredConfig | null, next: ConfigValues, origin: ChangeOrigin, checked: readonly ConfigField[]): Promise<WrittenConfig> {
    await this.rules.check(agent, next, checked, (brandId) => this.configs.isOrganizationBrand(organizationId, brandId));
    const before = valuesFrom(effectiveOf(agent.name, agent.writes ?? [], current));
    const fields = changedFields(before, next);
    if (fields.length === 0) {
      this.audit.nothingChanged();
      return { stored: current, changes: [] };
    }

    const userId = origin.userId ?? null;
    const stored = current ? await this.configs.update(current.id, next, userId) : await this.configs.create(organizationId, agent.name, next, userId);
    const changes = await this.changes.append(organizationId, agent.name, origin, fields.map((field) => ({ field, before: before[field], after: next[field] })));
    const metadata: Prisma.InputJsonObject = { agent: agent.name, fields, version: stored.version, source: origin.source, ...(origin.runId ? { runId: origin.runId } : {}) };
    await this.audit.record({
      organizationId,
      action: origin.source === 'revert' ? 'agent_config.reverted' : 'agent_config.changed',
      targetType: 'agent_config',
      targetId: stored.id,
      metadata,
      // The changed fields only, as the change rows hold them; settings are free-form, so secret-looking keys are redacted.
      before: redactForStorage(pick(before, fields)),
      after: redactForStorage(pick(next, fields)),
    });
    this.logger.info({ agent: agent.name, fields, version: stored.version, source: origin.source }, 'agent configuration changed');
    return { stored, changes };
  }
}

function pick(values: ConfigValues, fields: readonly ConfigField[]): Prisma.InputJsonObject {
  return Object.fromEntries(fields.map((field) => [field, values[field] ?? null])) as Prisma.InputJsonObject;
}
