import type { ClsService } from 'nestjs-cls';
import type { PinoLogger } from 'nestjs-pino';
import { RateLimitedError } from '../../common/errors/domain-errors';
import type { RequestContext } from '../../infra/cls/request-context';
import { runRecord } from '../../../test/support/run-records';
import { strictDouble, strictMock } from '../../../test/support/strict-double';
import type { SubmitRun } from '../orchestration/submit-run';
import type { ScheduleTicks } from './persistence/schedule-ticks';
import type { ScheduleRecord, SchedulesRepository } from './persistence/schedules.repository';
import { RunScheduleTick, tickIdempotencyKey } from './run-schedule-tick';
import type { ScheduleTriggerSync } from './schedule-trigger-sync';

const TICK_AT = new Date('2026-11-03T14:00:00.000Z');

function schedule(overrides: Partial<ScheduleRecord> = {}): ScheduleRecord {
  return {
    id: 'sched-1',
    organizationId: 'org-1',
    userId: 'user-1',
    agentName: 'echo',
    intent: 'weekly',
    input: { message: 'hi' },
    cron: '0 9 * * 2',
    timezone: 'America/New_York',
    overlap: 'SKIP',
    enabled: true,
    createdAt: new Date(),
    updatedAt: new Date(),
    ...overrides,
  };
}

describe(RunScheduleTick.name, () => {
  function setup(found: ScheduleRecord | null) {
    const ticks = strictMock<ScheduleTicks>('ScheduleTicks', ['isRecorded', 'unfinishedRun', 'record']);
    const submission = strictMock<SubmitRun>('SubmitRun', ['submit']);
    const sync = strictMock<ScheduleTriggerSync>('ScheduleTriggerSync', ['sync']);
    const schedules = strictDouble<SchedulesRepository>('SchedulesRepository', { findById: jest.fn().mockResolvedValue(found) });
    const cls = strictDouble<ClsService<RequestContext>>('ClsService', { set: jest.fn() });
    const logger = strictDouble<PinoLogger>('PinoLogger', { setContext: jest.fn(), info: jest.fn() });
    ticks.isRecorded.mockResolvedValue(false);
    ticks.record.mockResolvedValue(true);
    const sut = new RunScheduleTick(schedules, ticks, sync, submission, cls, logger);
    return { sut, ticks, submission, sync };
  }

  it('should submit an async run as the creator under the tick idempotency key, with the schedule id, and record it STARTED', async () => {
    const { sut, ticks, submission } = setup(schedule({ overlap: 'ALLOW' }));
    submission.submit.mockResolvedValue({ run: runRecord({ id: 'run-9' }), toolExecutions: [], created: true });

    await expect(sut.run('sched-1', TICK_AT)).resolves.toBe('STARTED');

    expect(submission.submit).toHaveBeenCalledWith(
      { organizationId: 'org-1', userId: 'user-1', apiKeyId: '' },
      { agent: 'echo', input: { message: 'hi' }, mode: 'async', intent: 'weekly' },
      { idempotencyKey: 'schedule:sched-1:2026-11-03T14:00:00.000Z', scheduleId: 'sched-1' },
    );
    expect(ticks.record).toHaveBeenCalledWith({ organizationId: 'org-1', scheduleId: 'sched-1', tickAt: TICK_AT, outcome: 'STARTED', runId: 'run-9' });
  });

  it('should record SKIPPED, naming the unfinished previous run, and submit nothing (overlap skip)', async () => {
    const { sut, ticks } = setup(schedule());
    ticks.unfinishedRun.mockResolvedValue({ id: 'run-1', status: 'AWAITING_APPROVAL' });

    await expect(sut.run('sched-1', TICK_AT)).resolves.toBe('SKIPPED');

    expect(ticks.unfinishedRun).toHaveBeenCalledWith('sched-1', tickIdempotencyKey('sched-1', TICK_AT));
    expect(ticks.record).toHaveBeenCalledWith(expect.objectContaining({ outcome: 'SKIPPED', reason: 'the previous run run-1 is still AWAITING_APPROVAL (overlap: skip)' }));
  });

  it('should do nothing more for a tick already on record', async () => {
    const { sut, ticks } = setup(schedule());
    ticks.isRecorded.mockResolvedValue(true);

    await expect(sut.run('sched-1', TICK_AT)).resolves.toBe('DUPLICATE');
  });

  it('should answer DUPLICATE when another delivery of the tick recorded it first', async () => {
    const { sut, ticks, submission } = setup(schedule({ overlap: 'ALLOW' }));
    submission.submit.mockResolvedValue({ run: runRecord({ id: 'run-9' }), toolExecutions: [], created: false });
    ticks.record.mockResolvedValue(false);

    await expect(sut.run('sched-1', TICK_AT)).resolves.toBe('DUPLICATE');
  });

  it('should record FAILED with the reason when the run is refused', async () => {
    const { sut, ticks, submission } = setup(schedule({ overlap: 'ALLOW' }));
    submission.submit.mockRejectedValue(new RateLimitedError('rate limit of 60 runs per minute reached', 1_000));

    await expect(sut.run('sched-1', TICK_AT)).resolves.toBe('FAILED');

    expect(ticks.record).toHaveBeenCalledWith(expect.objectContaining({ outcome: 'FAILED', reason: 'RateLimitedError: rate limit of 60 runs per minute reached' }));
  });

  it('should throw, recording nothing, when the submission fails for another reason (BullMQ retries the tick)', async () => {
    const { sut, ticks, submission } = setup(schedule({ overlap: 'ALLOW' }));
    submission.submit.mockRejectedValue(new Error('connect ECONNREFUSED'));

    await expect(sut.run('sched-1', TICK_AT)).rejects.toThrow('ECONNREFUSED');

    expect(ticks.record).not.toHaveBeenCalled();
  });

  it.each([
    ['disabled', schedule({ enabled: false }), 'DISABLED'],
    ['deleted', null, 'SCHEDULE_GONE'],
  ])('should start nothing for a %s schedule and make sure its scheduler is gone', async (_, found, result) => {
    const { sut, sync } = setup(found);
    sync.sync.mockResolvedValue('REMOVED');

    await expect(sut.run('sched-1', TICK_AT)).resolves.toBe(result);

    expect(sync.sync).toHaveBeenCalledWith('sched-1');
  });
});
