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
import type { StoredJson } from '../orchestration/run.records';
import type { CreateScheduleDto, Overlap, UpdateScheduleDto } from './dto/schedule-request.dto';
import { type ScheduleFields, type ScheduleRecord, SchedulesRepository } from './persistence/schedules.repository';
import { ScheduleTriggers } from './queue/schedule-triggers';
import { ScheduleNotFoundError } from './schedule-errors';
import { assertValidTiming } from './schedule-timing';
import { ScheduleTriggerSync } from './schedule-trigger-sync';

/**
 * Creates, changes and deletes schedules. The row is written (committed) first, then the job
 * scheduler made to match it (ScheduleTriggerSync): a scheduler never exists for a schedule a
 * tick cannot read. A sync that fails answers the error (503 while Redis is away); the row is
 * then ahead of Redis until the request is repeated or a worker boots (ScheduleReconciler).
 */
@Injectable()
export class SchedulesService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly agents: AgentRegistry,
    private readonly schedules: SchedulesRepository,
    private readonly triggers: ScheduleTriggers,
    private readonly triggerSync: ScheduleTriggerSync,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext(SchedulesService.name);
  }

  async create(caller: Owner, dto: CreateScheduleDto): Promise<ScheduleRecord> {
    const fields = this.fieldsOf(dto);
    await this.assertRunnable(dto.agent, dto.input);
    assertValidTiming(fields, this.config.schedules.minIntervalSeconds);
    this.triggers.assertAvailable();
    const schedule = await this.schedules.create(caller, fields);
    try {
      await this.triggerSync.sync(schedule.id);
    } catch (error) {
      // No schedule the caller was told failed may fire later, or linger.
      await this.schedules.delete(caller.organizationId, schedule.id);
      throw error;
    }
    this.logger.info({ scheduleId: schedule.id, agent: schedule.agentName, cron: schedule.cron, timezone: schedule.timezone }, 'schedule created');
    return schedule;
  }

  /**
   * The organization's schedule of `dto.agent`, created from `dto` unless one exists (whatever its
   * cron now: a person may have changed it). Idempotent, concurrent calls included; its scheduler
   * is synced either way, so a repeated call also repairs one that a failed sync left missing.
   */
  async ensure(caller: Owner, dto: CreateScheduleDto): Promise<{ schedule: ScheduleRecord; created: boolean }> {
    const fields = this.fieldsOf(dto);
    await this.assertRunnable(dto.agent, dto.input);
    assertValidTiming(fields, this.config.schedules.minIntervalSeconds);
    this.triggers.assertAvailable();
    const found = await this.findOrCreate(caller, fields);
    try {
      await this.triggerSync.sync(found.schedule.id);
    } catch (error) {
      if (found.created) await this.schedules.delete(caller.organizationId, found.schedule.id);
      throw error;
    }
    if (found.created) this.logger.info({ scheduleId: found.schedule.id, agent: fields.agentName, cron: fields.cron }, 'schedule created');
    return found;
  }

  @Transactional()
  private async findOrCreate(caller: Owner, fields: ScheduleFields): Promise<{ schedule: ScheduleRecord; created: boolean }> {
    await this.schedules.lockAgent(caller.organizationId, fields.agentName);
    const existing = await this.schedules.findByAgent(caller.organizationId, fields.agentName);
    return existing ? { schedule: existing, created: false } : { schedule: await this.schedules.create(caller, fields), created: true };
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
    const updated = await this.schedules.update(organizationId, id, changes);
    if (!updated) throw new ScheduleNotFoundError(id);
    if (resync) await this.triggerSync.sync(id);
    this.logger.info({ scheduleId: id, changed: Object.keys(changes) }, 'schedule updated');
    return updated;
  }

  /** Its ticks go with it; its runs stay, no longer linked to it. */
  async delete(organizationId: string, id: string): Promise<void> {
    this.triggers.assertAvailable();
    if ((await this.schedules.delete(organizationId, id)) === 0) throw new ScheduleNotFoundError(id);
    try {
      await this.triggerSync.sync(id);
    } catch (error) {
      // The schedule is gone either way: the scheduler left behind removes itself at its next tick.
      this.logger.warn({ scheduleId: id, reason: (error as Error).message }, 'job scheduler of a deleted schedule not removed yet');
    }
    this.logger.info({ scheduleId: id }, 'schedule deleted');
  }

  private fieldsOf(dto: CreateScheduleDto): ScheduleFields {
    return {
      agentName: dto.agent,
      intent: dto.intent ?? null,
      input: redactForStorage((dto.input ?? {}) as StoredJson),
      cron: dto.cron,
      timezone: dto.timezone ?? 'UTC',
      overlap: overlapColumn(dto.overlap ?? 'skip'),
      enabled: dto.enabled ?? true,
    };
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
