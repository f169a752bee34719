import { Inject, Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { PinoLogger } from 'nestjs-pino';
import { ValidationFailedError } from '../../common/errors/domain-errors';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app-config';
import { redactForStorage } from '../../infra/logging/redaction';
import type { Owner } from '../api-keys/api-keys.service';
import { AgentNotFoundError } from '../agents/agent-errors';
import { AgentRegistry } from '../agents/agent-registry';
import { AuditService } from '../audit/audit.service';
import type { StoredJson } from '../orchestration/run.records';
import type { CreateScheduleDto, Overlap, UpdateScheduleDto } from './dto/schedule-request.dto';
import { type ScheduleFields, type ScheduleRecord, SchedulesRepository } from './persistence/schedules.repository';
import { ScheduleTriggers } from './queue/schedule-triggers';
import { changedSettings, scheduleSettings } from './schedule-audit';
import { ScheduleNotFoundError } from './schedule-errors';
import { assertValidTiming } from './schedule-timing';
import { ScheduleTriggerSync } from './schedule-trigger-sync';

/**
 * Creates, changes and deletes schedules. The row is written (committed) first, then the job
 * scheduler made to match it (ScheduleTriggerSync): a scheduler never exists for a schedule a
 * tick cannot read. A sync that fails answers the error (503 while Redis is away); the row is
 * then ahead of Redis until the request is repeated or a worker boots (ScheduleReconciler).
 * Each row change commits with its audit entry (the settings before and after); the sync, a
 * Redis call, stays outside that transaction.
 */
@Injectable()
export class SchedulesService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly agents: AgentRegistry,
    private readonly schedules: SchedulesRepository,
    private readonly triggers: ScheduleTriggers,
    private readonly triggerSync: ScheduleTriggerSync,
    private readonly audit: AuditService,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext(SchedulesService.name);
  }

  async create(caller: Owner, dto: CreateScheduleDto): Promise<ScheduleRecord> {
    const fields = await this.checkedFields(dto);
    const schedule = await this.createAudited(caller, fields);
    await this.syncNew(caller, schedule);
    this.logger.info({ scheduleId: schedule.id, agent: schedule.agentName, cron: schedule.cron, timezone: schedule.timezone }, 'schedule created');
    return schedule;
  }

  /**
   * The organization's one schedule of an agent for one purpose (its intent): created as `create`
   * creates it when there is none, else returned as it is (its scheduler re-synced, which repairs
   * one a failed sync left behind). Concurrent calls for one purpose queue behind a lock, so they
   * create one schedule.
   */
  async ensure(caller: Owner, dto: CreateScheduleDto & { intent: string }): Promise<{ schedule: ScheduleRecord; created: boolean }> {
    const fields = await this.checkedFields(dto);
    const found = await this.findOrCreate(caller, { ...fields, intent: dto.intent });
    if (!found.created) {
      await this.triggerSync.sync(found.schedule.id);
      return found;
    }
    await this.syncNew(caller, found.schedule);
    this.logger.info({ scheduleId: found.schedule.id, agent: found.schedule.agentName, intent: dto.intent }, 'schedule created for its purpose');
    return found;
  }

  async update(organizationId: string, id: string, dto: UpdateScheduleDto): Promise<ScheduleRecord> {
    const current = await this.schedules.find(organizationId, id);
    if (!current) throw new ScheduleNotFoundError(id);
    const changes: Partial<ScheduleFields> = {
      ...(dto.agent !== undefined ? { agentName: dto.agent } : {}),
      ...(dto.input !== undefined ? { input: redactForStorage(dto.input as StoredJson) } : {}),
      ...(dto.intent !== undefined ? { intent: dto.intent } : {}),
      ...(dto.cron !== undefined ? { cron: dto.cron } : {}),
      ...(dto.timezone !== undefined ? { timezone: dto.timezone } : {}),
      ...(dto.overlap !== undefined ? { overlap: overlapColumn(dto.overlap) } : {}),
      ...(dto.enabled !== undefined ? { enabled: dto.enabled } : {}),
    };
    // The schedule as it will be: a new agent is checked against the current input, and the other way round.
    if (dto.agent !== undefined || dto.input !== undefined) await this.assertRunnable(dto.agent ?? current.agentName, dto.input ?? current.input);
    if (dto.cron !== undefined || dto.timezone !== undefined) assertValidTiming({ cron: changes.cron ?? current.cron, timezone: changes.timezone ?? current.timezone }, this.config.schedules.minIntervalSeconds);
    // Re-sent unchanged too: repeating a request whose sync failed repairs the scheduler.
    const resync = dto.cron !== undefined || dto.timezone !== undefined || dto.enabled !== undefined;
    if (resync) this.triggers.assertAvailable();
    const updated = await this.updateAudited(organizationId, current, changes);
    if (resync) await this.triggerSync.sync(id);
    this.logger.info({ scheduleId: id, changed: Object.keys(changes) }, 'schedule updated');
    return updated;
  }

  /** Its ticks go with it; its runs stay, no longer linked to it. */
  async delete(organizationId: string, id: string): Promise<void> {
    this.triggers.assertAvailable();
    await this.deleteAudited(organizationId, id, {});
    try {
      await this.triggerSync.sync(id);
    } catch (error) {
      // The schedule is gone either way: the scheduler left behind removes itself at its next tick.
      this.logger.warn({ scheduleId: id, reason: (error as Error).message }, 'job scheduler of a deleted schedule not removed yet');
    }
    this.logger.info({ scheduleId: id }, 'schedule deleted');
  }

  /** A new schedule's columns, once its agent, input and timing are known to be good and Redis is there to schedule it. */
  private async checkedFields(dto: CreateScheduleDto): Promise<ScheduleFields> {
    const fields: ScheduleFields = {
      agentName: dto.agent,
      intent: dto.intent ?? null,
      input: redactForStorage((dto.input ?? {}) as StoredJson),
      cron: dto.cron,
      timezone: dto.timezone ?? 'UTC',
      overlap: overlapColumn(dto.overlap ?? 'skip'),
      enabled: dto.enabled ?? true,
    };
    await this.assertRunnable(dto.agent, dto.input);
    assertValidTiming(fields, this.config.schedules.minIntervalSeconds);
    this.triggers.assertAvailable();
    return fields;
  }

  private async syncNew(caller: Owner, schedule: ScheduleRecord): Promise<void> {
    try {
      await this.triggerSync.sync(schedule.id);
    } catch (error) {
      // No schedule the caller was told failed may fire later, or linger; its audit entry says why it went.
      await this.deleteAudited(caller.organizationId, schedule.id, { reason: 'its job scheduler could not be created' }).catch((gone: Error) => {
        if (!(gone instanceof ScheduleNotFoundError)) throw gone;
      });
      throw error;
    }
  }

  @Transactional()
  private async findOrCreate(caller: Owner, fields: ScheduleFields & { intent: string }): Promise<{ schedule: ScheduleRecord; created: boolean }> {
    await this.schedules.lockPurpose(caller.organizationId, fields.agentName, fields.intent);
    const existing = await this.schedules.findByPurpose(caller.organizationId, fields.agentName, fields.intent);
    return existing ? { schedule: existing, created: false } : { schedule: await this.createAudited(caller, fields), created: true };
  }

  @Transactional()
  private async createAudited(caller: Owner, fields: ScheduleFields): Promise<ScheduleRecord> {
    const schedule = await this.schedules.create(caller, fields);
    await this.audit.record({ organizationId: caller.organizationId, action: 'schedule.created', targetType: 'schedule', targetId: schedule.id, after: scheduleSettings(schedule) });
    return schedule;
  }

  @Transactional()
  private async updateAudited(organizationId: string, current: ScheduleRecord, changes: Partial<ScheduleFields>): Promise<ScheduleRecord> {
    const updated = await this.schedules.update(organizationId, current.id, changes);
    if (!updated) throw new ScheduleNotFoundError(current.id);
    const { fields, before, after } = changedSettings(current, updated);
    await this.audit.record({ organizationId, action: 'schedule.updated', targetType: 'schedule', targetId: current.id, metadata: { fields }, before, after });
    return updated;
  }

  @Transactional()
  private async deleteAudited(organizationId: string, id: string, metadata: { reason?: string }): Promise<void> {
    const current = await this.schedules.find(organizationId, id);
    if (!current || (await this.schedules.delete(organizationId, id)) === 0) throw new ScheduleNotFoundError(id);
    await this.audit.record({ organizationId, action: 'schedule.deleted', targetType: 'schedule', targetId: id, metadata, before: scheduleSettings(current) });
  }

  /** The agent exists here and the input passes its DTO, as POST /v1/runs checks them: each a 400 naming the field. */
  private async assertRunnable(agentName: string, input: unknown): Promise<void> {
    let agent;
    try {
      agent = this.agents.get(agentName);
    } catch (error) {
      if (!(error instanceof AgentNotFoundError)) throw error;
      throw new ValidationFailedError(['agent'], `invalid schedule: no agent named ${JSON.stringify(agentName)} (GET /v1/agents lists them)`);
    }
    await this.agents.parseInput(agent, input ?? {});
  }
}

function overlapColumn(overlap: Overlap): ScheduleFields['overlap'] {
  return overlap === 'skip' ? 'SKIP' : 'ALLOW';
}
