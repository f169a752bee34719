import { applyDecorators, Injectable, SetMetadata } from '@nestjs/common';
import type { AgentDefinition } from './agent.types';

export const AGENT_DEFINITION = Symbol('neonhub:agent-definition');

/** Marks a provider as an agent; the registry discovers it at boot. */
export function Agent(definition: AgentDefinition): ClassDecorator {
  return applyDecorators(Injectable(), SetMetadata(AGENT_DEFINITION, definition));
}
