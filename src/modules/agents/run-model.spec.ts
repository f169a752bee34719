import { IsString, MinLength } from 'class-validator';
import { strictDouble } from '../../../test/support/strict-double';
import { ModelOutputInvalidError } from './agent-errors';
import type { ToolInvoker } from './agent.types';
import { modelFacingName, RunModel } from './run-model';

class Slogan {
  @IsString()
  @MinLength(3)
  slogan!: string;
}

const answer = (overrides: object = {}) => ({ text: '', toolCalls: [], finishReason: 'stop', provider: 'p', model: 'm', usage: { inputTokens: 10, outputTokens: 5 }, costUsd: 0.001, ...overrides });
const describer = () => ({ description: 'Echo: returns the message', inputSchema: { type: 'object' as const } });

describe(RunModel.name, () => {
  it('should call the model as the llm tool and leave absent options out of the recorded input', async () => {
    const call = jest.fn().mockResolvedValue(answer({ text: 'Hi' }));
    const sut = new RunModel(strictDouble<ToolInvoker>('ToolInvoker', { call }), describer);

    await expect(sut.generateText({ prompt: 'Say hi' })).resolves.toEqual({ text: 'Hi', provider: 'p', model: 'm', usage: { inputTokens: 10, outputTokens: 5 }, costUsd: 0.001 });
    expect(call).toHaveBeenCalledWith('llm', 'generate', { prompt: 'Say hi' });
  });

  it("should ask for the DTO's schema and refuse an object that fails it as INVALID_OUTPUT", async () => {
    const call = jest.fn().mockResolvedValueOnce(answer({ object: { slogan: 'Brewed right' } })).mockResolvedValueOnce(answer({ object: { slogan: 'no' } }));
    const sut = new RunModel(strictDouble<ToolInvoker>('ToolInvoker', { call }), describer);

    await expect(sut.generateObject(Slogan, { prompt: 'A slogan' })).resolves.toMatchObject({ object: { slogan: 'Brewed right' } });
    expect(call.mock.calls[0][2]).toMatchObject({ schemaName: 'Slogan', schema: { type: 'object', required: ['slogan'] } });
    await expect(sut.generateObject(Slogan, { prompt: 'A slogan' })).rejects.toThrow(ModelOutputInvalidError);
  });

  it('should run each tool the model asks for as its own call, feed the results back, and add up usage', async () => {
    const call = jest
      .fn()
      .mockResolvedValueOnce(answer({ toolCalls: [{ toolCallId: 'c1', toolName: 'diagnostics__echo', input: { message: 'x' } }], finishReason: 'tool-calls' }))
      .mockResolvedValueOnce({ echoed: 'x' })
      .mockResolvedValueOnce(answer({ text: 'done' }));
    const sut = new RunModel(strictDouble<ToolInvoker>('ToolInvoker', { call }), describer);

    const result = await sut.generateWithTools({ prompt: 'Use echo', tools: ['diagnostics.echo'] });

    expect(result).toMatchObject({ text: 'done', turns: 2, usage: { inputTokens: 20, outputTokens: 10 }, costUsd: 0.002, toolResults: [{ tool: 'diagnostics.echo', input: { message: 'x' }, output: { echoed: 'x' } }] });
    expect(call.mock.calls[1]).toEqual(['diagnostics', 'echo', { message: 'x' }]);
    expect(call.mock.calls[2][2].messages.map((m: { role: string }) => m.role)).toEqual(['user', 'assistant', 'tool']);
    expect(call.mock.calls[0][2]).toMatchObject({ tools: { diagnostics__echo: describer() }, toolChoice: 'auto' });
  });

  it('should offer no tools on the last allowed turn, so the loop always ends', async () => {
    const wantsTool = answer({ toolCalls: [{ toolCallId: 'c', toolName: 'diagnostics__echo', input: {} }] });
    const call = jest.fn().mockImplementation((tool: string) => Promise.resolve(tool === 'llm' ? wantsTool : {}));
    const sut = new RunModel(strictDouble<ToolInvoker>('ToolInvoker', { call }), describer);

    const result = await sut.generateWithTools({ prompt: 'loop', tools: ['diagnostics.echo'], maxTurns: 3 });

    expect(result.turns).toBe(3);
    expect(call.mock.calls.filter(([tool]) => tool === 'llm').map(([, , input]) => input.toolChoice)).toEqual(['auto', 'auto', 'none']);
  });

  it('should refuse a tool the model was not offered without calling it', async () => {
    const call = jest.fn().mockResolvedValueOnce(answer({ toolCalls: [{ toolCallId: 'c', toolName: 'email__send', input: {} }] }));
    const sut = new RunModel(strictDouble<ToolInvoker>('ToolInvoker', { call }), describer);

    await expect(sut.generateWithTools({ prompt: 'x', tools: ['diagnostics.echo'] })).rejects.toThrow('the model asked for tool email__send, which was not offered');
    expect(call).toHaveBeenCalledTimes(1);
  });

  it('should name tools the way providers accept', () => {
    expect(modelFacingName('knowledge.search')).toBe('knowledge__search');
  });
});
