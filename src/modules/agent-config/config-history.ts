import { Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { isUUID } from 'class-validator';
import { ValidationFailedError } from '../../common/errors/domain-errors';
import type { PageQuery } from '../../common/validation/page.query';
import type { Owner } from '../api-keys/api-keys.service';
import { AgentRegistry } from '../agents/agent-registry';
import { ChangeAlreadyRevertedError, ConfigChangeNotFoundError, FieldChangedSinceError } from './agent-config-errors';
import type { ApprovalPolicy } from './agent-config.types';
import { effectiveOf, isConfigField, policiesFor, sameValue, valuesFrom } from './config-values';
import { type ConfigView, ConfigViews } from './config-view';
import { ConfigWriter } from './config-writer';
import { AgentConfigsRepository } from './persistence/agent-configs.repository';
import { type ConfigChangeRecord, ConfigChangesRepository } from './persistence/config-changes.repository';

export interface ChangePage {
  items: ConfigChangeRecord[];
  nextCursor: string | null;
}

export interface RevertedChange {
  view: ConfigView;
  /** The change the revert recorded (source `revert`). */
  change: ConfigChangeRecord;
}

const DEFAULT_PAGE_SIZE = 20;

/** The change history of an agent's configuration, newest first, and undoing one change. */
@Injectable()
export class ConfigHistory {
  constructor(
    private readonly agents: AgentRegistry,
    private readonly configs: AgentConfigsRepository,
    private readonly changes: ConfigChangesRepository,
    private readonly writer: ConfigWriter,
    private readonly views: ConfigViews,
  ) {}

  async list(organizationId: string, agentName: string, query: PageQuery): Promise<ChangePage> {
    const agent = this.agents.get(agentName).definition;
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.changes.list(organizationId, agent.name, { limit, ...(query.cursor ? { afterId: decodeChangeCursor(query.cursor) } : {}) });
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? encodeChangeCursor(items[items.length - 1].id) : null };
  }

  /**
   * Puts the field back to what it was before the change, as a new change (source `revert`), and
   * marks the change reverted. Only while the field still holds what the change set: otherwise a
   * later change would be undone unseen (409).
   */
  @Transactional()
  async revert(caller: Owner, agentName: string, changeId: string): Promise<RevertedChange> {
    const agent = this.agents.get(agentName).definition;
    const writes = agent.writes ?? [];
    const current = await this.configs.lock(caller.organizationId, agent.name);
    const change = await this.changes.find(caller.organizationId, agent.name, changeId);
    if (!change) throw new ConfigChangeNotFoundError(changeId);
    if (change.revertedAt) throw new ChangeAlreadyRevertedError(changeId);
    const { field } = change;
    const values = valuesFrom(effectiveOf(agent.name, writes, current));
    if (!isConfigField(field) || !sameValue(values[field], change.after)) throw new FieldChangedSinceError(changeId, field);

    const restored = field === 'approvalPolicies' ? policiesFor(writes, change.before as Record<string, ApprovalPolicy>) : change.before;
    const next = { ...values, [field]: restored };
    const origin = { source: 'revert' as const, userId: caller.userId, reason: `revert of change ${changeId}` };
    const { stored, changes } = await this.writer.write(caller.organizationId, agent, current, next, origin, [field]);
    // Nothing to restore: the agent's declared writes changed so that `before` now reads as the current value.
    if (changes.length === 0) throw new FieldChangedSinceError(changeId, field);
    if (!(await this.changes.markReverted(changeId))) throw new ChangeAlreadyRevertedError(changeId);
    const view = await this.views.of(caller.organizationId, agent, effectiveOf(agent.name, writes, stored), stored);
    return { view, change: changes[0] };
  }
}

/** Opaque to clients: the last change's id (the page order is createdAt, id). */
function encodeChangeCursor(id: string): string {
  return Buffer.from(id).toString('base64url');
}

function decodeChangeCursor(raw: string): string {
  const id = Buffer.from(raw, 'base64url').toString('utf8');
  if (!isUUID(id)) throw new ValidationFailedError(['cursor'], 'invalid request: cursor is not one this API issued');
  return id;
}
