import type { JSONSchema7 } from '@ai-sdk/provider';
import { dtoJsonSchema } from '../../common/validation/dto-json-schema';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { NotFoundError, UnprocessableError } from '../../common/errors/domain-errors';
import { TOOL_PROVIDER } from './tool.decorator';
import type { ToolAction, ToolDefinition } from './tool.types';
import { ToolsRepository } from './tools.repository';

/** A call to a tool this deployment knows but switched off (a connector disabled by configuration). */
export class ToolUnavailableError extends UnprocessableError {
  constructor(tool: string, reason: string) {
    super(`tool ${tool} is not available in this deployment: ${reason}`);
  }
}

@Injectable()
export class ToolRegistry implements OnApplicationBootstrap {
  private readonly tools = new Map<string, ToolDefinition>();
  /** Tools the deployment knows but does not offer, with why: an agent may declare them (one channel among several), a call fails. */
  private readonly unavailable = new Map<string, string>();
  private toolIds = new Map<string, string>();
  private readonly described = new Map<string, { description: string; inputSchema: JSONSchema7 }>();

  constructor(private readonly discovery: DiscoveryService, private readonly repository: ToolsRepository) {}

  /** For tools built at runtime (one per enabled connector); call before the application bootstraps. */
  register(tool: ToolDefinition): void {
    if (this.tools.has(tool.name)) throw new Error(`tool "${tool.name}" is provided twice; tool names must be unique`);
    this.tools.set(tool.name, tool);
  }

  /** A tool known by name but switched off here (a disabled connector); call before the application bootstraps. */
  markUnavailable(name: string, reason: string): void {
    this.unavailable.set(name, reason);
  }

  /** Why a known tool is not offered here, or undefined when it is offered or unknown. */
  unavailableReason(name: string): string | undefined {
    return this.tools.has(name) ? undefined : this.unavailable.get(name);
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const wrapper of this.discovery.getProviders()) {
      if (!wrapper.metatype || !wrapper.instance || !Reflect.getMetadata(TOOL_PROVIDER, wrapper.metatype)) continue;
      this.register(wrapper.instance as ToolDefinition);
    }
    // The Tool table is the catalog ToolExecution rows point at; code is its source of truth.
    this.toolIds = await this.repository.syncCatalog([...this.tools.values()]);
  }

  action(tool: string, action: string): { definition: ToolDefinition; action: ToolAction; toolId?: string } {
    const definition = this.tools.get(tool);
    const off = this.unavailableReason(tool);
    if (off) throw new ToolUnavailableError(tool, off);
    // Own properties only: an action named "constructor" or "toString" is not an action.
    const found = definition && Object.hasOwn(definition.actions, action) ? definition.actions[action] : undefined;
    if (!definition || !found) throw new NotFoundError('tool action', `${tool}.${action}`);
    return { definition, action: found, toolId: this.toolIds.get(tool) };
  }

  /** Whether a tool (and, when named, its action) is registered. */
  provides(tool: string, action?: string): boolean {
    const definition = this.tools.get(tool);
    return definition !== undefined && (action === undefined || Object.hasOwn(definition.actions, action));
  }

  /** How a model is shown `<tool>.<action>` when it may call it: the action's description and its input DTO's JSON schema. */
  describe(name: string): { description: string; inputSchema: JSONSchema7 } {
    let described = this.described.get(name);
    if (!described) {
      const [tool, action] = name.split('.');
      const { definition, action: found } = this.action(tool, action);
      const inputSchema: JSONSchema7 = found.input ? dtoJsonSchema(found.input) : { type: 'object', additionalProperties: true };
      this.described.set(name, (described = { description: `${definition.description}: ${found.description}`, inputSchema }));
    }
    return described;
  }
}
