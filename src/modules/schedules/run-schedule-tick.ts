import { Injectable } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { PinoLogger } from 'nestjs-pino';
import { DomainError } from '../../common/errors/domain-errors';
import { enterCallerIdentity, type RequestContext } from '../../infra/cls/request-context';
import type { Principal } from '../api-keys/api-keys.service';
import { SubmitRun } from '../orchestration/submit-run';
import { ScheduleTicks, type TickOutcome } from './persistence/schedule-ticks';
import { type ScheduleRecord, SchedulesRepository } from './persistence/schedules.repository';
import { ScheduleTriggerSync } from './schedule-trigger-sync';

export type TickResult = TickOutcome | 'DUPLICATE' | 'DISABLED' | 'SCHEDULE_GONE';

/** The idempotency key of a tick's run: the same tick, however often delivered, is one run. */
export function tickIdempotencyKey(scheduleId: string, tickAt: Date): string {
  return `schedule:${scheduleId}:${tickAt.toISOString()}`;
}

/**
 * What one tick of a schedule does: skip (overlap "skip" while its previous run is unfinished),
 * start an async run as the schedule's creator, or record why it could not; and record which,
 * once. The outcome is recorded after it is known, never before: a process that dies between
 * submitting the run and recording the tick leaves a tick whose retry submits again, which the
 * idempotency key answers with the same run, and records it then.
 */
@Injectable()
export class RunScheduleTick {
  constructor(
    private readonly schedules: SchedulesRepository,
    private readonly ticks: ScheduleTicks,
    private readonly sync: ScheduleTriggerSync,
    private readonly submission: SubmitRun,
    private readonly cls: ClsService<RequestContext>,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext(RunScheduleTick.name);
  }

  async run(scheduleId: string, tickAt: Date): Promise<TickResult> {
    const schedule = await this.schedules.findById(scheduleId);
    if (!schedule?.enabled) {
      // Deleting or disabling removes the scheduler; a tick already on its way does nothing but
      // make sure of that (a scheduler whose removal failed goes now).
      await this.sync.sync(scheduleId);
      return schedule ? 'DISABLED' : 'SCHEDULE_GONE';
    }
    enterCallerIdentity(this.cls, { organizationId: schedule.organizationId, userId: schedule.userId });
    if (await this.ticks.isRecorded(scheduleId, tickAt)) return 'DUPLICATE';

    const idempotencyKey = tickIdempotencyKey(scheduleId, tickAt);
    if (schedule.overlap === 'SKIP') {
      const previous = await this.ticks.unfinishedRun(scheduleId, idempotencyKey);
      if (previous) return this.record(schedule, tickAt, { outcome: 'SKIPPED', reason: `the previous run ${previous.id} is still ${previous.status} (overlap: skip)` });
    }
    try {
      const { run } = await this.submission.submit(this.creatorOf(schedule), this.requestOf(schedule), { idempotencyKey, scheduleId });
      return this.record(schedule, tickAt, { outcome: 'STARTED', runId: run.id });
    } catch (error) {
      // The request was refused (agent gone, input no longer valid, circuit open, rate limited): on
      // record, and the next tick tries again. Anything else (the database away) is thrown, and
      // BullMQ retries the tick.
      if (!(error instanceof DomainError)) throw error;
      return this.record(schedule, tickAt, { outcome: 'FAILED', reason: `${error.name}: ${error.message}` });
    }
  }

  private async record(schedule: ScheduleRecord, tickAt: Date, result: { outcome: TickOutcome; runId?: string; reason?: string }): Promise<TickResult> {
    const written = await this.ticks.record({ organizationId: schedule.organizationId, scheduleId: schedule.id, tickAt, ...result });
    if (!written) return 'DUPLICATE';
    this.logger.info({ scheduleId: schedule.id, tickAt, outcome: result.outcome, runId: result.runId, reason: result.reason }, 'schedule ticked');
    return result.outcome;
  }

  /** The creator, as SubmitRun takes a caller; no API key acts in a scheduled run (SubmitRun reads only the organization and user). */
  private creatorOf(schedule: ScheduleRecord): Principal {
    return { organizationId: schedule.organizationId, userId: schedule.userId, apiKeyId: '' };
  }

  private requestOf(schedule: ScheduleRecord) {
    return {
      agent: schedule.agentName,
      input: schedule.input as Record<string, unknown>,
      mode: 'async' as const,
      ...(schedule.intent !== null ? { intent: schedule.intent } : {}),
    };
  }
}
