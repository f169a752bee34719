import type { Job } from 'bullmq';
import { ClsService } from 'nestjs-cls';
import { PinoLogger } from 'nestjs-pino';
import { strictMock, type StrictMock } from '../../../../test/support/strict-double';
import { LlmError } from '../../llm/llm-error';
import { IntakeError } from '../intake/intake-error';
import type { IntakeJob } from './intake-jobs';
import { IntakeLedger, type IntakeState } from './intake-ledger';
import { IntakeQueues } from './intake-queues';
import { IntakeRunner } from './intake-runner';

const JOB: IntakeJob = { documentId: 'doc-1', organizationId: 'org-1', version: 3, requestId: 'req-1' };

function jobOf(attemptsMade = 0, attempts = 5): Job<IntakeJob> {
  return { id: 'normalize-doc-1-3', data: JOB, attemptsMade, opts: { attempts } } as unknown as Job<IntakeJob>;
}

function state(overrides: Partial<IntakeState> = {}): IntakeState {
  return { id: 'doc-1', organizationId: 'org-1', source: 'TEXT', status: 'EMBEDDING', version: 4, ...overrides };
}

describe(IntakeRunner.name, () => {
  let ledger: StrictMock<IntakeLedger>;
  let queues: StrictMock<IntakeQueues>;
  let cls: StrictMock<ClsService>;
  let logger: StrictMock<PinoLogger>;
  let sut: IntakeRunner;

  beforeEach(() => {
    ledger = strictMock<IntakeLedger>('IntakeLedger', ['state', 'failed']);
    queues = strictMock<IntakeQueues>('IntakeQueues', ['ensureQueued']);
    cls = strictMock<ClsService>('ClsService', ['run', 'set']);
    cls.run.mockImplementation((fn: () => unknown) => fn());
    cls.set.mockImplementation(() => undefined);
    logger = strictMock<PinoLogger>('PinoLogger', ['setContext', 'info', 'warn']);
    logger.setContext.mockImplementation(() => undefined);
    logger.info.mockImplementation(() => undefined);
    logger.warn.mockImplementation(() => undefined);
    sut = new IntakeRunner(ledger, queues, cls as unknown as ClsService, logger);
  });

  it("should run the stage in a CLS context carrying the job's request id and organization", async () => {
    queues.ensureQueued.mockResolvedValue(true);
    await sut.run('normalize', jobOf(), async () => state());
    expect(cls.set).toHaveBeenCalledWith(expect.anything(), 'req-1');
    expect(cls.set).toHaveBeenCalledWith('organizationId', 'org-1');
  });

  it('should queue the next stage for the version the document is at now', async () => {
    queues.ensureQueued.mockResolvedValue(true);
    await expect(sut.run('normalize', jobOf(), async () => state())).resolves.toEqual({ status: 'EMBEDDING' });
    expect(queues.ensureQueued).toHaveBeenCalledWith('embed', { documentId: 'doc-1', organizationId: 'org-1', version: 4, requestId: 'req-1' });
  });

  it('should queue nothing once the document rests', async () => {
    await expect(sut.run('embed', jobOf(), async () => state({ status: 'READY' }))).resolves.toEqual({ status: 'READY' });
    expect(queues.ensureQueued).not.toHaveBeenCalled();
  });

  it('should make sure the next stage is queued when the work was already done (a duplicate, a re-run after a crash)', async () => {
    ledger.state.mockResolvedValue(state({ status: 'EMBEDDING', version: 4 }));
    queues.ensureQueued.mockResolvedValue(false);
    await expect(sut.run('normalize', jobOf(), async () => null)).resolves.toEqual({ status: 'EMBEDDING' });
    expect(queues.ensureQueued).toHaveBeenCalledWith('embed', expect.objectContaining({ version: 4 }));
  });

  it('should skip a document that no longer exists', async () => {
    ledger.state.mockResolvedValue(null);
    await expect(sut.run('fetch', jobOf(), async () => null)).resolves.toEqual({ skipped: 'document gone' });
  });

  it('should not queue its own job again', async () => {
    ledger.state.mockResolvedValue(state({ status: 'NORMALIZING', version: 3 }));
    await sut.run('normalize', jobOf(), async () => null);
    expect(queues.ensureQueued).not.toHaveBeenCalled();
  });

  it.each([
    ['a retryable classified failure', new LlmError('RATE_LIMITED', 'slow down')],
    ['an unclassified failure (the database away)', new Error('connection terminated')],
  ])('should throw %s back to BullMQ while attempts remain', async (_, error) => {
    await expect(sut.run('embed', jobOf(1, 5), async () => Promise.reject(error))).rejects.toBe(error);
    expect(ledger.failed).not.toHaveBeenCalled();
  });

  it('should end the document FAILED at once on a failure another attempt cannot fix', async () => {
    ledger.failed.mockResolvedValue(state({ status: 'FAILED', version: 3 }));
    const error = new IntakeError('UNSUPPORTED_CONTENT_TYPE', 'image/png is not a document type intake reads');
    await expect(sut.run('fetch', jobOf(0, 5), async () => Promise.reject(error))).resolves.toEqual({ status: 'FAILED' });
    expect(ledger.failed).toHaveBeenCalledWith('fetch', 'doc-1', 3, { errorClass: 'IntakeError:UNSUPPORTED_CONTENT_TYPE', message: 'image/png is not a document type intake reads' });
    expect(queues.ensureQueued).not.toHaveBeenCalled();
  });

  it('should end the document FAILED when the last attempt fails, retryable or not', async () => {
    ledger.failed.mockResolvedValue(state({ status: 'FAILED' }));
    await expect(sut.run('embed', jobOf(4, 5), async () => Promise.reject(new LlmError('TIMEOUT', 'timed out after 60000 ms')))).resolves.toEqual({ status: 'FAILED' });
    expect(ledger.failed).toHaveBeenCalledWith('embed', 'doc-1', 3, { errorClass: 'LlmError:TIMEOUT', message: 'timed out after 60000 ms' });
  });
});
