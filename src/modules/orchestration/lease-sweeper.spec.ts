import type { PinoLogger } from 'nestjs-pino';
import type { AppConfig } from '../../config/app-config';
import { AgentNotFoundError } from '../agents/agent-errors';
import type { AgentRegistry, RegisteredAgent } from '../agents/agent-registry';
import { strictDouble } from '../../../test/support/strict-double';
import { LeaseSweeper } from './lease-sweeper';
import type { ExpiredRun, QueuedRunRef, RunLedger } from './persistence/run-ledger';
import type { RunQueue } from './queue/run-queue';

const config = { runs: { maxAttempts: 3, leaseMs: 30_000 } } as AppConfig;
const expired = (overrides: Partial<ExpiredRun>): ExpiredRun => {
  const run = { id: 'run-1', organizationId: 'org-1', userId: 'user-1', agentName: 'writer', attempt: 1, cancelRequested: false, ...overrides };
  return { attemptsSinceWait: run.attempt, ...run };
};

describe(LeaseSweeper.name, () => {
  function setup(runs: ExpiredRun[], stale: QueuedRunRef[] = []) {
    const ledger = strictDouble<RunLedger>('RunLedger', {
      expired: jest.fn().mockResolvedValue(runs),
      staleQueued: jest.fn().mockResolvedValue(stale),
      requeueExpired: jest.fn().mockResolvedValue(true),
      endExpired: jest.fn().mockResolvedValue(true),
    });
    const queue = strictDouble<RunQueue>('RunQueue', { ensureQueued: jest.fn().mockResolvedValue(true) });
    const agents = strictDouble<AgentRegistry>('AgentRegistry', {
      get: jest.fn((name: string) => {
        if (name === 'connector.invoke') return { definition: { policy: { maxAttempts: 1 } } } as RegisteredAgent;
        if (name === 'writer') return { definition: {} } as RegisteredAgent;
        throw new AgentNotFoundError(name);
      }),
    });
    const logger = strictDouble<PinoLogger>('PinoLogger', { setContext: jest.fn(), warn: jest.fn() });
    return { sut: new LeaseSweeper(config, ledger, agents, queue, logger), ledger, queue };
  }

  it('should requeue a lapsed run with attempts left, as the next generation of its job', async () => {
    const { sut, ledger, queue } = setup([expired({ attempt: 2 })]);
    await expect(sut.sweep()).resolves.toEqual({ requeued: ['run-1'], exhausted: [], cancelled: [], reenqueued: 0 });
    expect(ledger.requeueExpired).toHaveBeenCalledWith('run-1');
    expect(queue.ensureQueued).toHaveBeenCalledWith({ runId: 'run-1', agent: 'writer', organizationId: 'org-1', userId: 'user-1' }, 2);
  });

  it("should end a lapsed run FAILED at its agent's own attempt limit (connector.invoke allows one)", async () => {
    const { sut, ledger, queue } = setup([expired({ agentName: 'connector.invoke', attempt: 1 })]);
    await expect(sut.sweep()).resolves.toEqual(expect.objectContaining({ requeued: [], exhausted: ['run-1'] }));
    expect(ledger.endExpired).toHaveBeenCalledWith('run-1', 'FAILED', expect.objectContaining({ errorClass: 'LeaseExpiredError' }));
    expect(queue.ensureQueued).not.toHaveBeenCalled();
  });

  it('should use the deployment limit for an agent no longer deployed', async () => {
    const { sut } = setup([expired({ agentName: 'retired', attempt: 3 })]);
    await expect(sut.sweep()).resolves.toEqual(expect.objectContaining({ exhausted: ['run-1'] }));
  });

  it('should end a lapsed run whose cancel was requested CANCELLED', async () => {
    const { sut, ledger } = setup([expired({ cancelRequested: true })]);
    await expect(sut.sweep()).resolves.toEqual(expect.objectContaining({ cancelled: ['run-1'] }));
    expect(ledger.endExpired).toHaveBeenCalledWith('run-1', 'CANCELLED', expect.objectContaining({ errorClass: 'CancelledError' }));
  });

  it('should not enqueue a run another sweeper requeued first', async () => {
    const { sut, ledger, queue } = setup([expired({})]);
    (ledger.requeueExpired as jest.Mock).mockResolvedValue(false);
    await expect(sut.sweep()).resolves.toEqual(expect.objectContaining({ requeued: [] }));
    expect(queue.ensureQueued).not.toHaveBeenCalled();
  });

  it('should enqueue again a QUEUED run whose job went missing', async () => {
    const { sut, queue } = setup([], [{ id: 'run-9', organizationId: 'org-1', userId: null, agentName: 'writer', attempt: 0 }]);
    await expect(sut.sweep()).resolves.toEqual(expect.objectContaining({ reenqueued: 1 }));
    expect(queue.ensureQueued).toHaveBeenCalledWith({ runId: 'run-9', agent: 'writer', organizationId: 'org-1', userId: undefined }, 0);
  });

  it('should not count a stale run whose job is still waiting', async () => {
    const { sut, queue } = setup([], [{ id: 'run-9', organizationId: 'org-1', userId: null, agentName: 'writer', attempt: 0 }]);
    (queue.ensureQueued as jest.Mock).mockResolvedValue(false);
    await expect(sut.sweep()).resolves.toEqual(expect.objectContaining({ reenqueued: 0 }));
  });

  it('should survive a failed sweep (the database away) and report nothing done', async () => {
    const { sut, ledger } = setup([]);
    (ledger.expired as jest.Mock).mockRejectedValue(new Error('connection refused'));
    await expect(sut.sweep()).resolves.toEqual({ requeued: [], exhausted: [], cancelled: [], reenqueued: 0 });
  });
});
