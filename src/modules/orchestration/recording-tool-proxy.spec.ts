import { ToolNotAllowedError } from '../agents/agent-errors';
import type { RunMetrics } from '../telemetry/run-metrics';
import type { ToolRegistry } from '../tools/tool-registry';
import { RecordingToolProxy } from './recording-tool-proxy';
import { NonDeterministicReplayError } from './run-errors';
import type { StepLog } from './persistence/step-log';
import type { ToolExecutionRecord } from './run.records';
import { strictDouble } from '../../../test/support/strict-double';


const scope = (signal = new AbortController().signal) => ({
  runId: 'run-1',
  organizationId: 'org-1',
  agent: 'echo',
  attempt: 2,
  allowedTools: ['diagnostics.echo'],
  signal,
});

function recorded(overrides: Partial<ToolExecutionRecord>): ToolExecutionRecord {
  return { id: 'te-1', toolName: 'diagnostics', connectorKey: null, action: 'echo', step: 1, attempt: 1, status: 'SUCCEEDED', input: {}, output: { from: 'record' }, errorClass: null, errorMessage: null, startedAt: new Date(), finishedAt: new Date(), durationMs: 1, provider: null, model: null, inputTokens: null, outputTokens: null, costUsd: null, ...overrides };
}

describe(RecordingToolProxy.name, () => {
  const metrics = () => strictDouble<RunMetrics>('RunMetrics', { toolExecuted: jest.fn() });

  it('should record a call before making it and its result after, with secrets redacted', async () => {
    const execute = jest.fn().mockResolvedValue({ ok: true, accessToken: 'tok' });
    const log = strictDouble<StepLog>('StepLog', {
      succeededSteps: jest.fn().mockResolvedValue([]),
      start: jest.fn().mockResolvedValue('te-9'),
      finish: jest.fn().mockResolvedValue(recorded({ id: 'te-9', attempt: 2 })),
    });
    const tools = strictDouble<ToolRegistry>('ToolRegistry', { action: jest.fn().mockReturnValue({ definition: { name: 'diagnostics', connectorKey: 'slack' }, action: { execute }, toolId: 'tool-1' }) });
    const sut = new RecordingToolProxy({ tools, steps: log, metrics: metrics() }, scope());

    await expect(sut.call('diagnostics', 'echo', { message: 'hi', password: 'p' })).resolves.toEqual({ ok: true, accessToken: 'tok' });

    expect(log.start).toHaveBeenCalledWith(expect.objectContaining({ runId: 'run-1', step: 1, attempt: 2, connectorKey: 'slack', input: { message: 'hi', password: '[REDACTED]' } }));
    expect(execute).toHaveBeenCalledWith({ message: 'hi', password: 'p' }, expect.objectContaining({ idempotencyKey: 'run-1:1', step: 1 }));
    expect(log.finish).toHaveBeenCalledWith('te-9', 'SUCCEEDED', expect.objectContaining({ output: { ok: true, accessToken: '[REDACTED]' } }));
    expect(sut.recorded.map((r) => r.id)).toEqual(['te-9']);
  });

  it('should answer a step that succeeded in an earlier attempt from the record, without calling the tool', async () => {
    const log = strictDouble<StepLog>('StepLog', { succeededSteps: jest.fn().mockResolvedValue([recorded({})]) });
    const sut = new RecordingToolProxy({ tools: strictDouble<ToolRegistry>('ToolRegistry', {}), steps: log, metrics: metrics() }, scope());

    await expect(sut.call('diagnostics', 'echo', { message: 'hi' })).resolves.toEqual({ from: 'record' });
    expect(sut.recorded).toEqual([]);
  });

  it('should read the earlier attempts\' steps once for every step it replays', async () => {
    const succeededSteps = jest.fn().mockResolvedValue([recorded({ step: 1 }), recorded({ step: 2, output: { from: 'second' } })]);
    const sut = new RecordingToolProxy({ tools: strictDouble<ToolRegistry>('ToolRegistry', {}), steps: strictDouble<StepLog>('StepLog', { succeededSteps }), metrics: metrics() }, scope());

    await expect(sut.call('diagnostics', 'echo', {})).resolves.toEqual({ from: 'record' });
    await expect(sut.call('diagnostics', 'echo', {})).resolves.toEqual({ from: 'second' });
    expect(succeededSteps).toHaveBeenCalledTimes(1);
  });

  it('should refuse a replay whose step was a different tool call', async () => {
    const log = strictDouble<StepLog>('StepLog', { succeededSteps: jest.fn().mockResolvedValue([recorded({ action: 'send' })]) });
    const sut = new RecordingToolProxy({ tools: strictDouble<ToolRegistry>('ToolRegistry', {}), steps: log, metrics: metrics() }, scope());

    await expect(sut.call('diagnostics', 'echo', {})).rejects.toThrow(NonDeterministicReplayError);
  });

  it('should record a failed call and rethrow its error', async () => {
    const log = strictDouble<StepLog>('StepLog', {
      succeededSteps: jest.fn().mockResolvedValue([]),
      start: jest.fn().mockResolvedValue('te-3'),
      finish: jest.fn().mockResolvedValue(recorded({ id: 'te-3', status: 'FAILED' })),
    });
    const boom = Object.assign(new Error('provider said no'), { name: 'ProviderError' });
    const tools = strictDouble<ToolRegistry>('ToolRegistry', { action: jest.fn().mockReturnValue({ definition: { name: 'diagnostics' }, action: { execute: jest.fn().mockRejectedValue(boom) } }) });
    const sut = new RecordingToolProxy({ tools, steps: log, metrics: metrics() }, scope());

    await expect(sut.call('diagnostics', 'echo', {})).rejects.toBe(boom);
    expect(log.finish).toHaveBeenCalledWith('te-3', 'FAILED', expect.objectContaining({ errorClass: 'ProviderError', errorMessage: 'provider said no' }));
    expect(sut.recorded.map((r) => r.status)).toEqual(['FAILED']);
  });

  it('should refuse a tool the agent did not declare, and any call after the run was aborted', async () => {
    const aborted = new AbortController();
    aborted.abort(new Error('cancelled'));
    const log = strictDouble<StepLog>('StepLog', {});
    await expect(new RecordingToolProxy({ tools: strictDouble<ToolRegistry>('ToolRegistry', {}), steps: log, metrics: metrics() }, scope()).call('gmail', 'send', {})).rejects.toThrow(ToolNotAllowedError);
    await expect(new RecordingToolProxy({ tools: strictDouble<ToolRegistry>('ToolRegistry', {}), steps: log, metrics: metrics() }, scope(aborted.signal)).call('diagnostics', 'echo', {})).rejects.toThrow('cancelled');
  });
});
