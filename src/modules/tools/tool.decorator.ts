import { applyDecorators, Injectable, SetMetadata } from '@nestjs/common';

export const TOOL_PROVIDER = Symbol('neonhub:tool-provider');

/** Marks a provider implementing ToolDefinition; the tool registry discovers it at boot. */
export function ToolProvider(): ClassDecorator {
  return applyDecorators(Injectable(), SetMetadata(TOOL_PROVIDER, true));
}
