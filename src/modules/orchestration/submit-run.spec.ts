import type { ClsService } from 'nestjs-cls';
import type { PinoLogger } from 'nestjs-pino';
import type { RequestContext } from '../../infra/cls/request-context';
import { AgentDisabledError } from '../agent-config/agent-config-errors';
import type { AgentEnablement } from '../agent-config/agent-enablement';
import type { AgentRegistry, RegisteredAgent } from '../agents/agent-registry';
import type { CircuitBreakers } from '../policies/circuit-breakers';
import type { RunRateLimiter } from '../policies/run-rate-limiter';
import { runRecord } from '../../../test/support/run-records';
import { strictDouble } from '../../../test/support/strict-double';
import type { AgentIds } from './agent-ids';
import { requestHash } from './idempotency';
import type { IdempotentReplay } from './idempotent-replay';
import { IdempotencyKeyTakenError } from './persistence/persistence-errors';
import type { RunLedger } from './persistence/run-ledger';
import type { RunQueue } from './queue/run-queue';
import type { RunExecutor } from './run-executor';
import { SubmitRun } from './submit-run';

const caller = { organizationId: 'org-1', userId: 'user-1', apiKeyId: 'key-1' };
const agent = { definition: { name: 'writer', kind: 'CONTENT', description: 'writes', input: Object, tools: [] }, handler: { run: jest.fn() }, inputSchema: {} } as RegisteredAgent;
const request = { agent: 'writer', input: { topic: 'spring sale' } };

describe(SubmitRun.name, () => {
  function setup(overrides: { execute?: jest.Mock; replayFind?: jest.Mock; assertEnabled?: jest.Mock } = {}) {
    const order: string[] = [];
    // Typed as any jest mock: each stands in for a different method signature.
    const note = (step: string, value?: unknown): jest.Mock => jest.fn(async () => (order.push(step), value));
    const executor = strictDouble<RunExecutor>('RunExecutor', { execute: overrides.execute ?? jest.fn(async () => (order.push('execute'), { run: runRecord({ status: 'COMPLETED' }), toolExecutions: [] })) });
    const replay = strictDouble<IdempotentReplay>('IdempotentReplay', {
      find: overrides.replayFind ?? note('replay.find', null),
      answer: jest.fn(async (run) => ({ run, toolExecutions: [] })),
    });
    const sut = new SubmitRun(
      strictDouble<AgentRegistry>('AgentRegistry', { get: jest.fn(() => agent), parseInput: note('parseInput', { topic: 'spring sale' }) }),
      strictDouble<AgentIds>('AgentIds', { of: note('agentIds', 'agent-row-1') }),
      replay,
      strictDouble<RunLedger>('RunLedger'),
      executor,
      strictDouble<RunRateLimiter>('RunRateLimiter', { consume: note('rateLimit') }),
      strictDouble<CircuitBreakers>('CircuitBreakers', { assertAccepting: jest.fn(() => void order.push('circuit')) }),
      strictDouble<RunQueue>('RunQueue'),
      strictDouble<AgentEnablement>('AgentEnablement', { assertEnabled: overrides.assertEnabled ?? note('enabled') }),
      strictDouble<ClsService<RequestContext>>('ClsService'),
      strictDouble<PinoLogger>('PinoLogger', { setContext: jest.fn(), warn: jest.fn() }),
    );
    return { sut, order, executor, replay };
  }

  it('should validate, look up the key, then check the agent is enabled, apply the rate limit and the circuit before executing', async () => {
    const { sut, order } = setup();
    const submitted = await sut.submit(caller, request, { idempotencyKey: 'k-1' });
    expect(order).toEqual(['parseInput', 'replay.find', 'enabled', 'rateLimit', 'circuit', 'agentIds', 'execute']);
    expect(submitted).toEqual(expect.objectContaining({ created: true, run: expect.objectContaining({ status: 'COMPLETED' }) }));
  });

  it('should refuse a run of an agent the organization disabled before anything counts or runs', async () => {
    const assertEnabled = jest.fn().mockRejectedValue(new AgentDisabledError('writer'));
    const { sut, order, executor } = setup({ assertEnabled });
    await expect(sut.submit(caller, request)).rejects.toBeInstanceOf(AgentDisabledError);
    expect(assertEnabled).toHaveBeenCalledWith('org-1', 'writer');
    expect(order).toEqual(['parseInput']);
    expect(executor.execute).not.toHaveBeenCalled();
  });

  it('should not validate again input the caller already parsed', async () => {
    const { sut, order, executor } = setup();
    const parsed = { topic: 'parsed once' };
    await sut.submit(caller, request, { parsedInput: parsed });
    expect(order).not.toContain('parseInput');
    expect(executor.execute).toHaveBeenCalledWith(agent, expect.objectContaining({ kind: 'create', input: parsed }));
  });

  it('should answer a replay without executing anything', async () => {
    const earlier = runRecord({ id: 'earlier', status: 'COMPLETED' });
    const { sut, executor } = setup({ replayFind: jest.fn().mockResolvedValue(earlier) });
    await expect(sut.submit(caller, request, { idempotencyKey: 'k-1' })).resolves.toEqual({ run: earlier, toolExecutions: [], created: false });
    expect(executor.execute).not.toHaveBeenCalled();
  });

  it("should answer the loser of an Idempotency-Key race with the winner's run", async () => {
    const winner = runRecord({ id: 'winner' });
    const replayFind = jest.fn().mockResolvedValueOnce(null).mockResolvedValueOnce(winner);
    const { sut } = setup({ execute: jest.fn().mockRejectedValue(new IdempotencyKeyTakenError('k-1')), replayFind });
    const submitted = await sut.submit(caller, request, { idempotencyKey: 'k-1' });
    expect(submitted).toEqual({ run: winner, toolExecutions: [], created: false });
    expect(replayFind).toHaveBeenLastCalledWith('org-1', 'k-1', requestHash({ agent: 'writer', intent: null, input: request.input, mode: 'SYNC' }));
  });

  it('should let any other failure through', async () => {
    const boom = new Error('database gone');
    const { sut } = setup({ execute: jest.fn().mockRejectedValue(boom) });
    await expect(sut.submit(caller, request, { idempotencyKey: 'k-1' })).rejects.toBe(boom);
  });
});
