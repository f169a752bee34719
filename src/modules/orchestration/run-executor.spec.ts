import type { PinoLogger } from 'nestjs-pino';
import type { AppConfig } from '../../config/app-config';
import { RetryableError } from '../agents/agent-errors';
import type { AgentRegistry, RegisteredAgent } from '../agents/agent-registry';
import type { AgentHandler, AgentRunContext } from '../agents/agent.types';
import { CircuitBreakers } from '../policies/circuit-breakers';
import { CircuitOpenError } from '../policies/policy-errors';
import type { RunMetrics } from '../telemetry/run-metrics';
import type { ToolRegistry } from '../tools/tool-registry';
import { runRecord } from '../../../test/support/run-records';
import { strictDouble } from '../../../test/support/strict-double';
import { ParentWake } from './children/parent-wake';
import { CancellationHub } from './cancellation-hub';
import type { RunLedger } from './persistence/run-ledger';
import type { RunReads } from './persistence/run-reads';
import type { StepLog } from './persistence/step-log';
import type { RunQueue } from './queue/run-queue';
import type { RunCommitter } from './run-committer';
import type { RunEvents } from './events/run-events';
import type { RunApprovals } from './waits/run-approvals';
import { RunExecutor } from './run-executor';
import type { NewRun, RunRecord } from './run.records';

const RUNS = { timeoutMs: 200, maxAttempts: 3, retryBaseDelayMs: 1, leaseMs: 30_000, circuitFailureThreshold: 3, circuitHalfOpenAfterMs: 10_000, rateLimitPerMinute: 60 };
const config = { runs: RUNS } as AppConfig;
const newRun: NewRun = { organizationId: 'org-1', agentId: 'agent-row-1', agentName: 'writer', mode: 'SYNC', input: {} };

function agentWith(run: (input: object, context: AgentRunContext) => Promise<unknown>, policy?: RegisteredAgent['definition']['policy']): RegisteredAgent {
  const handler: AgentHandler = { run };
  return { definition: { name: 'writer', kind: 'CONTENT', description: 'test', input: Object, tools: [], policy }, handler, inputSchema: {} };
}

/** An executor over strict doubles; the breaker and the cancellation hub are the real ones (in memory). */
function setup(ledgerStubs: Partial<RunLedger> = {}, readsStubs: Partial<RunReads> = {}, stepStubs: Partial<StepLog> = {}) {
  const calls: string[] = [];
  const ledger = strictDouble<RunLedger>('RunLedger', {
    insert: jest.fn(async () => {
      calls.push('insert');
      return runRecord();
    }),
    nextAttempt: jest.fn(async () => {
      calls.push('nextAttempt');
      return calls.filter((c) => c === 'nextAttempt').length + 1;
    }),
    finish: jest.fn(async (_id: string, _from: string, to: string, error: { errorClass: string; errorMessage: string }) => {
      calls.push(`finish:${to}`);
      return runRecord({ status: to as RunRecord['status'], errorClass: error.errorClass, errorMessage: error.errorMessage });
    }),
    renewLease: jest.fn(async () => 'renewed' as const),
    handBack: jest.fn(async () => {
      calls.push('handBack');
      return runRecord({ status: 'QUEUED', mode: 'ASYNC' });
    }),
    ...ledgerStubs,
  });
  const committer = strictDouble<RunCommitter>('RunCommitter', {
    commit: jest.fn(async (_id: string, _owner: string, output: unknown) => {
      calls.push('commit');
      return runRecord({ status: 'COMPLETED', output: output as RunRecord['output'] });
    }),
  });
  const metrics = strictDouble<RunMetrics>('RunMetrics', { runFinished: jest.fn(), runWaited: jest.fn(), approvalDecided: jest.fn(), circuitChanged: jest.fn(), circuitFailure: jest.fn() });
  const logger = strictDouble<PinoLogger>('PinoLogger', { setContext: jest.fn(), info: jest.fn(), warn: jest.fn() });
  const hub = new CancellationHub(strictDouble('RedisService'), strictDouble<PinoLogger>('PinoLogger', { setContext: jest.fn() }));
  const sut = new RunExecutor(
    config,
    strictDouble<AgentRegistry>('AgentRegistry', { parseInput: jest.fn(async (_agent: RegisteredAgent, input: unknown) => input as object) }),
    ledger,
    strictDouble<RunReads>('RunReads', readsStubs),
    strictDouble<StepLog>('StepLog', stepStubs),
    strictDouble<ToolRegistry>('ToolRegistry'),
    new CircuitBreakers(config, metrics),
    committer,
    hub,
    strictDouble<RunQueue>('RunQueue', {
      ensureQueued: jest.fn(async () => {
        calls.push('enqueue');
        return true;
      }),
    }),
    metrics,
    strictDouble<RunApprovals>('RunApprovals'),
    strictDouble<RunEvents>('RunEvents'),
    strictDouble<ParentWake>('ParentWake', { childEnded: jest.fn(async () => undefined) }),
    logger,
  );
  return { sut, ledger, committer, calls, hub };
}

describe(RunExecutor.name, () => {
  it('should create the run, execute the agent, and answer with the row its completion returned', async () => {
    const { sut, calls } = setup();
    const finished = await sut.execute(
      agentWith(async () => ({ text: 'done' })),
      { kind: 'create', run: newRun, input: {} },
    );
    expect(calls).toEqual(['insert', 'commit']);
    expect(finished).toEqual({ run: expect.objectContaining({ status: 'COMPLETED', output: { text: 'done' } }), toolExecutions: [] });
  });

  it('should retry a retryable failure as a new attempt, then complete', async () => {
    const { sut, calls } = setup();
    const attempts: number[] = [];
    const finished = await sut.execute(
      agentWith(async (_input, context) => {
        attempts.push(context.attempt);
        if (attempts.length < 3) throw new RetryableError('provider hiccup');
        return 'third time';
      }),
      { kind: 'create', run: newRun, input: {} },
    );
    expect(attempts).toEqual([1, 2, 3]);
    expect(calls).toEqual(['insert', 'nextAttempt', 'nextAttempt', 'commit']);
    expect(finished?.run.status).toBe('COMPLETED');
  });

  it('should not retry a failure that is not retryable, and record it FAILED once', async () => {
    const { sut, calls } = setup();
    const run = jest.fn(async () => {
      throw new Error('bad prompt');
    });
    const finished = await sut.execute(agentWith(run), { kind: 'create', run: newRun, input: {} });
    expect(run).toHaveBeenCalledTimes(1);
    expect(calls).toEqual(['insert', 'finish:FAILED']);
    expect(finished?.run).toEqual(expect.objectContaining({ status: 'FAILED', errorClass: 'Error', errorMessage: 'bad prompt' }));
  });

  it('should stop retrying at the attempt limit (the agent may lower it)', async () => {
    const { sut } = setup();
    const run = jest.fn(async () => {
      throw new RetryableError('still failing');
    });
    await sut.execute(agentWith(run, { maxAttempts: 2 }), { kind: 'create', run: newRun, input: {} });
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('should end a run that outlives its timeout TIMED_OUT, across its retries', async () => {
    const { sut, calls } = setup();
    const finished = await sut.execute(
      agentWith((_input, context) => new Promise((_, reject) => context.signal.addEventListener('abort', () => reject(context.signal.reason)))),
      { kind: 'create', run: newRun, input: {} },
    );
    expect(calls).toEqual(['insert', 'finish:TIMED_OUT']);
    expect(finished?.run.errorClass).toBe('TimeoutError');
  });

  it('should end a cancelled run CANCELLED, without counting it against the agent', async () => {
    const { sut, calls, hub } = setup();
    const cancelled = () =>
      sut.execute(
        agentWith((_input, context) => {
          queueMicrotask(() => hub.abortLocal(context.runId));
          return new Promise((_, reject) => context.signal.addEventListener('abort', () => reject(context.signal.reason)));
        }),
        { kind: 'create', run: newRun, input: {} },
      );
    for (let i = 0; i < RUNS.circuitFailureThreshold + 1; i++) expect((await cancelled())?.run.status).toBe('CANCELLED');
    expect(calls.filter((c) => c.startsWith('finish'))).toEqual(Array(RUNS.circuitFailureThreshold + 1).fill('finish:CANCELLED'));
  });

  it('should open the circuit after repeated failed runs and then refuse before any run is created', async () => {
    const { sut, calls } = setup();
    const failing = agentWith(async () => {
      throw new Error('broken agent');
    });
    for (let i = 0; i < RUNS.circuitFailureThreshold; i++) await sut.execute(failing, { kind: 'create', run: newRun, input: {} });
    const inserts = calls.filter((c) => c === 'insert').length;

    await expect(sut.execute(failing, { kind: 'create', run: newRun, input: {} })).rejects.toBeInstanceOf(CircuitOpenError);
    expect(calls.filter((c) => c === 'insert').length).toBe(inserts);
  });

  it('should answer null when a claim finds nothing to do (another process has the run)', async () => {
    const { sut, calls } = setup({ claim: jest.fn(async () => null) }, { find: jest.fn(async () => runRecord({ status: 'RUNNING' })) });
    const run = jest.fn();
    await expect(sut.execute(agentWith(run), { kind: 'claim', runId: 'run-1', organizationId: 'org-1' })).resolves.toBeNull();
    expect(run).not.toHaveBeenCalled();
    expect(calls).toEqual([]);
  });

  it('should end FAILED a queued run that has no attempts left when a claim finds it', async () => {
    const { sut, calls } = setup({ claim: jest.fn(async () => null) }, { find: jest.fn(async () => runRecord({ status: 'QUEUED', attempt: 1 })) });
    await expect(sut.execute(agentWith(jest.fn(), { maxAttempts: 1 }), { kind: 'claim', runId: 'run-1', organizationId: 'org-1' })).resolves.toBeNull();
    expect(calls).toEqual(['finish:FAILED']);
  });

  it('should close the calls a dead process left open before a recovered run replays', async () => {
    const interruptEarlier = jest.fn(async () => 1);
    const { sut } = setup({ claim: jest.fn(async () => runRecord({ attempt: 2 })) }, {}, { interruptEarlier, forRun: jest.fn(async () => []) });
    const finished = await sut.execute(agentWith(async () => 'ok'), { kind: 'claim', runId: 'run-1', organizationId: 'org-1' });
    expect(interruptEarlier).toHaveBeenCalledWith('run-1', 2);
    expect(finished?.run.status).toBe('COMPLETED');
  });

  it('should hand a run back at shutdown: QUEUED again with a job, no final status, its caller told', async () => {
    const { sut, calls, hub } = setup();
    const finished = await sut.execute(
      agentWith((_input, context) => {
        queueMicrotask(() => hub.handBackAll());
        return new Promise((_, reject) => context.signal.addEventListener('abort', () => reject(context.signal.reason)));
      }),
      { kind: 'create', run: newRun, input: {} },
    );
    expect(finished).toEqual(expect.objectContaining({ run: expect.objectContaining({ status: 'QUEUED' }), warning: expect.stringContaining('handed back') }));
    expect(calls).toEqual(['insert', 'handBack', 'enqueue']);
  });

  it('should keep a failure to start (a lost idempotency race) out of the breaker and give it to the caller', async () => {
    const taken = new Error('key taken');
    const { sut } = setup({ insert: jest.fn().mockRejectedValue(taken) });
    for (let i = 0; i < RUNS.circuitFailureThreshold + 1; i++) {
      await expect(sut.execute(agentWith(jest.fn()), { kind: 'create', run: newRun, input: {} })).rejects.toBe(taken);
    }
  });

  it('should answer with the row as it stands when the run was taken over before it could be ended', async () => {
    const elsewhere = runRecord({ status: 'COMPLETED', attempt: 2 });
    const { sut, calls } = setup({ finish: jest.fn(async () => null) }, { find: jest.fn(async () => elsewhere) });
    const finished = await sut.execute(
      agentWith(async () => {
        throw new Error('late failure');
      }),
      { kind: 'create', run: newRun, input: {} },
    );
    expect(calls).toEqual(['insert']);
    expect(finished?.run).toBe(elsewhere);
  });
});
