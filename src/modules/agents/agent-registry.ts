import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { targetConstructorToSchema } from 'class-validator-jsonschema';
import { validatePlain } from '../../common/validation/validate-plain';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app-config';
import { AGENT_DEFINITION } from './agent.decorator';
import { AgentNotFoundError, DuplicateAgentError } from './agent-errors';
import type { AgentDefinition, AgentHandler } from './agent.types';

type SchemaObject = ReturnType<typeof targetConstructorToSchema>;

export interface RegisteredAgent {
  definition: AgentDefinition;
  handler: AgentHandler;
  inputSchema: SchemaObject;
}

/** Every agent provider in the app, found at boot by its @Agent() metadata. */
@Injectable()
export class AgentRegistry implements OnModuleInit {
  private readonly agents = new Map<string, RegisteredAgent & { provider: string }>();

  constructor(private readonly discovery: DiscoveryService, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const definition = wrapper.metatype ? (Reflect.getMetadata(AGENT_DEFINITION, wrapper.metatype) as AgentDefinition | undefined) : undefined;
      if (!definition || !wrapper.instance) continue;
      if (definition.enabled && !definition.enabled(this.config)) continue;
      const existing = this.agents.get(definition.name);
      if (existing) throw new DuplicateAgentError(definition.name, existing.provider, wrapper.name);
      this.agents.set(definition.name, {
        definition,
        handler: wrapper.instance as AgentHandler,
        inputSchema: targetConstructorToSchema(definition.input) as SchemaObject,
        provider: String(wrapper.name),
      });
    }
  }

  list(): RegisteredAgent[] {
    return [...this.agents.values()].sort((a, b) => a.definition.name.localeCompare(b.definition.name));
  }

  /** The agent, or undefined when this deployment does not offer it. */
  find(name: string): RegisteredAgent | undefined {
    return this.agents.get(name);
  }

  get(name: string): RegisteredAgent {
    const agent = this.agents.get(name);
    if (!agent) throw new AgentNotFoundError(name);
    return agent;
  }

  /** Validates run input against the agent's DTO, then the agent's own check; errors name each field as `input.<path>`. */
  async parseInput(agent: RegisteredAgent, input: unknown): Promise<object> {
    const parsed = await validatePlain(agent.definition.input, input, 'input', `input for agent ${agent.definition.name}`);
    await agent.handler.check?.(parsed);
    return parsed;
  }
}
