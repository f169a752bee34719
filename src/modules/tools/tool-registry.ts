import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { NotFoundError } from '../../common/errors/domain-errors';
import { TOOL_PROVIDER } from './tool.decorator';
import type { ToolAction, ToolDefinition } from './tool.types';
import { ToolsRepository } from './tools.repository';

@Injectable()
export class ToolRegistry implements OnApplicationBootstrap {
  private readonly tools = new Map<string, ToolDefinition>();
  private toolIds = new Map<string, string>();

  constructor(private readonly discovery: DiscoveryService, private readonly repository: ToolsRepository) {}

  /** For tools built at runtime (one per enabled connector); call before the application bootstraps. */
  register(tool: ToolDefinition): void {
    if (this.tools.has(tool.name)) throw new Error(`tool "${tool.name}" is provided twice; tool names must be unique`);
    this.tools.set(tool.name, tool);
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
    // Own properties only: an action named "constructor" or "toString" is not an action.
    const found = definition && Object.hasOwn(definition.actions, action) ? definition.actions[action] : undefined;
    if (!definition || !found) throw new NotFoundError('tool action', `${tool}.${action}`);
    return { definition, action: found, toolId: this.toolIds.get(tool) };
  }
}
