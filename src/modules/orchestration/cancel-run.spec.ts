import { ConflictError, NotFoundError } from '../../common/errors/domain-errors';
import { runRecord } from '../../../test/support/run-records';
import { strictDouble } from '../../../test/support/strict-double';
import { CancelRun } from './cancel-run';
import type { CancellationHub } from './cancellation-hub';
import type { RunLedger } from './persistence/run-ledger';
import type { RunReads } from './persistence/run-reads';

describe(CancelRun.name, () => {
  function setup(find: jest.Mock, ledger: Partial<RunLedger> = {}) {
    const hub = strictDouble<CancellationHub>('CancellationHub', { broadcast: jest.fn().mockResolvedValue(undefined) });
    const ledgerDouble = strictDouble<RunLedger>('RunLedger', ledger);
    return { sut: new CancelRun(strictDouble<RunReads>('RunReads', { find }), ledgerDouble, hub), hub, ledger: ledgerDouble };
  }

  it('should end a QUEUED run CANCELLED at once, without telling anyone', async () => {
    const cancelled = runRecord({ status: 'CANCELLED' });
    const { sut, hub } = setup(jest.fn().mockResolvedValue(runRecord({ status: 'QUEUED' })), { finish: jest.fn().mockResolvedValue(cancelled) });
    await expect(sut.cancel('org-1', 'run-1')).resolves.toBe(cancelled);
    expect(hub.broadcast).not.toHaveBeenCalled();
  });

  it('should ask a RUNNING run to stop, wherever it runs', async () => {
    const running = runRecord({ status: 'RUNNING' });
    const { sut, hub, ledger } = setup(jest.fn().mockResolvedValue(running), { requestCancel: jest.fn().mockResolvedValue(true) });
    await sut.cancel('org-1', 'run-1');
    expect(ledger.requestCancel).toHaveBeenCalledWith('run-1');
    expect(hub.broadcast).toHaveBeenCalledWith('run-1');
  });

  it('should treat a QUEUED run claimed in the meantime as RUNNING', async () => {
    const find = jest.fn().mockResolvedValueOnce(runRecord({ status: 'QUEUED' })).mockResolvedValue(runRecord({ status: 'RUNNING' }));
    const { sut, hub } = setup(find, { finish: jest.fn().mockResolvedValue(null), requestCancel: jest.fn().mockResolvedValue(true) });
    await expect(sut.cancel('org-1', 'run-1')).resolves.toEqual(expect.objectContaining({ status: 'RUNNING' }));
    expect(hub.broadcast).toHaveBeenCalledWith('run-1');
  });

  it('should refuse a finished run (409) and an unknown one (404)', async () => {
    await expect(setup(jest.fn().mockResolvedValue(runRecord({ status: 'COMPLETED' }))).sut.cancel('org-1', 'run-1')).rejects.toBeInstanceOf(ConflictError);
    await expect(setup(jest.fn().mockResolvedValue(null)).sut.cancel('org-1', 'run-1')).rejects.toBeInstanceOf(NotFoundError);
  });
});
