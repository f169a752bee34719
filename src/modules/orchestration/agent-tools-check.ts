import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AgentRegistry } from '../agents/agent-registry';
import { ToolRegistry } from '../tools/tool-registry';

export class UndeclaredToolError extends Error {
  constructor(agent: string, tool: string) {
    super(`agent ${agent} declares tool ${tool}, which no module in this process provides; import the module that provides it`);
    this.name = 'UndeclaredToolError';
  }
}

/**
 * Boot fails when an agent declares a tool no module provides: otherwise the agent registers, runs,
 * and fails on its first call, in production, as "tool action not found". A tool the deployment
 * knows but switched off (a disabled connector) passes: an agent may use one channel among several,
 * and a call to the disabled one fails with the reason. Runs after both registries have filled
 * (their modules are this one's imports, so their hooks run first).
 */
@Injectable()
export class AgentToolsCheck implements OnApplicationBootstrap {
  constructor(private readonly agents: AgentRegistry, private readonly tools: ToolRegistry) {}

  onApplicationBootstrap(): void {
    for (const { definition } of this.agents.list()) {
      for (const name of definition.tools) {
        if (name === '*') continue;
        const [tool, action] = name.split('.');
        if (this.tools.unavailableReason(tool)) continue;
        if (!this.tools.provides(tool, action === '*' ? undefined : action)) throw new UndeclaredToolError(definition.name, name);
      }
    }
  }
}
