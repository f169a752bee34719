import { RunLedger } from '../../src/modules/orchestration/persistence/run-ledger';
import { StepLog } from '../../src/modules/orchestration/persistence/step-log';
import { RecordingToolProxy } from '../../src/modules/orchestration/recording-tool-proxy';
import { RunMetrics } from '../../src/modules/telemetry/run-metrics';
import { ToolRegistry } from '../../src/modules/tools/tool-registry';
import { RunModel } from '../../src/modules/agents/run-model';
import { useE2eApp } from '../support/e2e-context';

/** A streamed model call is still one recorded step; its deltas go to whoever listens to the run live. */
describe('Streamed model text through the recording proxy', () => {
  const app = useE2eApp();

  async function proxy(attempt: number, runId: string | undefined, onTextDelta?: (step: number, delta: string) => void) {
    const ledger = app.app.get(RunLedger);
    const id = runId ?? (await ledger.insert({ organizationId: app.organizationId, agentId: await ledger.ensureAgent(app.organizationId, 'echo', 'DIAGNOSTIC', 'test'), agentName: 'echo', mode: 'SYNC', input: {} }, { owner: 'me', leaseMs: 30_000 })).id;
    const sut = new RecordingToolProxy(
      { tools: app.app.get(ToolRegistry), steps: app.app.get(StepLog), metrics: app.app.get(RunMetrics) },
      { runId: id, organizationId: app.organizationId, agent: 'echo', attempt, allowedTools: ['llm.*'], signal: new AbortController().signal, onTextDelta },
    );
    return { sut, runId: id, model: new RunModel(sut, (name) => app.app.get(ToolRegistry).describe(name)) };
  }

  it('should hand the deltas to the live listener as they arrive and record the whole text once, with its usage', async () => {
    const deltas: Array<[number, string]> = [];
    const { sut, model } = await proxy(1, undefined, (step, delta) => deltas.push([step, delta]));

    const answer = await model.generateText({ prompt: 'Three words on autumn coffee', stream: true });

    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.every(([step]) => step === 1)).toBe(true);
    expect(deltas.map(([, delta]) => delta).join('')).toBe(answer.text);
    expect(sut.recorded).toEqual([expect.objectContaining({ toolName: 'llm', action: 'generate', status: 'SUCCEEDED', model: 'offline-template', output: expect.objectContaining({ text: answer.text }) })]);
    expect(sut.recorded[0].outputTokens).toBeGreaterThan(0);
  });

  it('should replay a streamed step on a retry without asking the model: no deltas, the recorded text', async () => {
    const first = await proxy(1, undefined);
    const original = await first.model.generateText({ prompt: 'Tell me about cold brew', stream: true });
    const deltas: string[] = [];
    const retry = await proxy(2, first.runId, (_, delta) => deltas.push(delta));

    const replayed = await retry.model.generateText({ prompt: 'Tell me about cold brew', stream: true });

    expect(replayed.text).toBe(original.text);
    expect(deltas).toEqual([]);
    expect(retry.sut.recorded).toEqual([]);
  });
});
