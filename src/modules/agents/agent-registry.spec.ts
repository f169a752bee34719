import { Test } from '@nestjs/testing';
import { DiscoveryModule } from '@nestjs/core';
import { IsInt, Max } from 'class-validator';
import { ValidationFailedError } from '../../common/errors/domain-errors';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app-config';
import { Agent } from './agent.decorator';
import { AgentNotFoundError, DuplicateAgentError } from './agent-errors';
import { AgentRegistry } from './agent-registry';

class CountInput {
  @IsInt()
  @Max(3)
  count!: number;
}

@Agent({ name: 'counter', kind: 'CONTENT', description: 'counts', input: CountInput, tools: [] })
class CounterAgent {
  async run(): Promise<string> {
    return 'ok';
  }
}

@Agent({ name: 'counter', kind: 'SEO', description: 'same name', input: CountInput, tools: [] })
class AnotherCounterAgent {
  async run(): Promise<string> {
    return 'ok';
  }
}

@Agent({ name: 'switched', kind: 'DIAGNOSTIC', description: 'on when echo is', input: CountInput, tools: [], enabled: (config) => config.echoAgentEnabled })
class SwitchedAgent {
  async run(): Promise<string> {
    return 'ok';
  }
}

async function boot(...agents: Array<new () => object>) {
  return bootWith({ echoAgentEnabled: true } as AppConfig, ...agents);
}

async function bootWith(config: AppConfig, ...agents: Array<new () => object>) {
  const module = await Test.createTestingModule({ imports: [DiscoveryModule], providers: [AgentRegistry, { provide: APP_CONFIG, useValue: config }, ...agents] }).compile();
  await module.init();
  return module.get(AgentRegistry);
}

describe(AgentRegistry.name, () => {
  it('should discover agents with their input schema', async () => {
    const sut = await boot(CounterAgent);
    const [agent] = sut.list();
    expect(agent.definition.name).toBe('counter');
    expect(agent.inputSchema).toMatchObject({ properties: { count: { type: 'integer', maximum: 3 } }, required: ['count'] });
  });

  it('should leave out an agent this deployment switched off', async () => {
    expect((await bootWith({ echoAgentEnabled: false } as AppConfig, CounterAgent, SwitchedAgent)).list().map((a) => a.definition.name)).toEqual(['counter']);
    expect((await bootWith({ echoAgentEnabled: true } as AppConfig, CounterAgent, SwitchedAgent)).list().map((a) => a.definition.name)).toEqual(['counter', 'switched']);
  });

  it('should fail the boot when two agents share a name', async () => {
    await expect(boot(CounterAgent, AnotherCounterAgent)).rejects.toThrow(DuplicateAgentError);
  });

  it('should answer an unknown agent with AgentNotFoundError', async () => {
    const sut = await boot(CounterAgent);
    expect(() => sut.get('nope')).toThrow(AgentNotFoundError);
  });

  it.each([
    [{ count: 9 }, ['input.count']],
    [{ count: 1, extra: true }, ['input.extra']],
    [[1, 2], ['input']],
    ['text', ['input']],
  ])('should reject input %j naming %j', async (input, fields) => {
    const sut = await boot(CounterAgent);
    const error = await sut.parseInput(sut.get('counter'), input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationFailedError);
    expect((error as ValidationFailedError).fields).toEqual(fields);
  });

  it('should return a validated instance of the input class', async () => {
    const sut = await boot(CounterAgent);
    await expect(sut.parseInput(sut.get('counter'), { count: 2 })).resolves.toBeInstanceOf(CountInput);
  });
});
