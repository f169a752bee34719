import type { AppConfig } from '../../config/app-config';
import { UnprocessableError } from '../../common/errors/domain-errors';
import { runRecord } from '../../../test/support/run-records';
import { strictDouble } from '../../../test/support/strict-double';
import { IDEMPOTENCY_WINDOW_MS, IdempotentReplay } from './idempotent-replay';
import type { AuditService } from '../audit/audit.service';
import type { RunLedger } from './persistence/run-ledger';
import type { RunReads } from './persistence/run-reads';
import type { StepLog } from './persistence/step-log';

const config = { runs: { timeoutMs: 1_000 } } as AppConfig;
const NOW = Date.parse('2026-11-29T08:00:00Z');

describe(IdempotentReplay.name, () => {
  function setup(earlier: ReturnType<typeof runRecord> | null, reads: Partial<RunReads> = {}) {
    const ledger = strictDouble<RunLedger>('RunLedger', { releaseIdempotencyKey: jest.fn().mockResolvedValue(undefined) });
    const steps = strictDouble<StepLog>('StepLog', { forRun: jest.fn().mockResolvedValue([]) });
    const audit = strictDouble<AuditService>('AuditService', { nothingChanged: jest.fn() });
    const sut = new IdempotentReplay(config, strictDouble<RunReads>('RunReads', { findByIdempotencyKey: jest.fn().mockResolvedValue(earlier), ...reads }), ledger, steps, audit);
    return { sut, ledger, steps, audit };
  }

  it('should find nothing for a key never used', async () => {
    await expect(setup(null).sut.find('org-1', 'k', 'hash')).resolves.toBeNull();
  });

  it('should answer with the earlier run for the same key and body within the window', async () => {
    const earlier = runRecord({ requestHash: 'hash', createdAt: new Date(NOW - IDEMPOTENCY_WINDOW_MS + 1) });
    await expect(setup(earlier).sut.find('org-1', 'k', 'hash', NOW)).resolves.toBe(earlier);
  });

  it('should refuse the same key with a different body (422)', async () => {
    const earlier = runRecord({ requestHash: 'other', createdAt: new Date(NOW) });
    await expect(setup(earlier).sut.find('org-1', 'k', 'hash', NOW)).rejects.toBeInstanceOf(UnprocessableError);
  });

  it('should release an expired key so a new run may take it, whatever its body was', async () => {
    const earlier = runRecord({ id: 'old-run', requestHash: 'other', createdAt: new Date(NOW - IDEMPOTENCY_WINDOW_MS - 1) });
    const { sut, ledger } = setup(earlier);
    await expect(sut.find('org-1', 'k', 'hash', NOW)).resolves.toBeNull();
    expect(ledger.releaseIdempotencyKey).toHaveBeenCalledWith('old-run');
  });

  it('should answer a sync replay only once the original run has finished, with its tool executions', async () => {
    const find = jest.fn().mockResolvedValueOnce(runRecord({ status: 'RUNNING' })).mockResolvedValueOnce(runRecord({ status: 'COMPLETED' }));
    const { sut, steps } = setup(null, { find });
    const answer = await sut.answer(runRecord({ status: 'RUNNING' }), 'SYNC');
    expect(answer.run.status).toBe('COMPLETED');
    expect(find).toHaveBeenCalledTimes(2);
    expect(steps.forRun).toHaveBeenCalledWith('run-1');
  });

  it('should answer an async replay with the run as it is', async () => {
    const queued = runRecord({ status: 'QUEUED' });
    await expect(setup(null).sut.answer(queued, 'ASYNC')).resolves.toEqual({ run: queued, toolExecutions: [] });
  });
});
