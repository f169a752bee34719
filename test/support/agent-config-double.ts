import type { EffectiveAgentConfig } from '../../src/modules/agent-config/agent-config.types';
import { ToolProvider } from '../../src/modules/tools/tool.decorator';
import type { ToolAction, ToolCallContext, ToolDefinition } from '../../src/modules/tools/tool.types';

/**
 * The `agent_config.read` tool as the agents see it, for the content specs until the agent
 * configuration module (its real provider) is merged: the deployment's defaults, with what a test
 * sets for an organization's agent. Remove it then, and set configuration through its API.
 */
@ToolProvider()
export class AgentConfigDouble implements ToolDefinition {
  private static readonly configured = new Map<string, Partial<EffectiveAgentConfig>>();

  readonly name = 'agent_config';
  readonly description = "An agent's effective configuration (test double)";
  readonly actions: Record<string, ToolAction> = {
    read: { description: 'Input {agent}; returns the effective configuration', execute: (input, context) => this.read(input, context) },
  };

  /** What the organization set for the agent (replacing what it set before); `{}` goes back to the defaults. */
  static configure(organizationId: string, agent: string, config: Partial<EffectiveAgentConfig>): void {
    AgentConfigDouble.configured.set(`${organizationId}/${agent}`, config);
  }

  private async read(input: Record<string, unknown>, context: ToolCallContext): Promise<EffectiveAgentConfig> {
    const agent = String(input.agent);
    const defaults: EffectiveAgentConfig = { agent, enabled: true, model: null, temperature: null, brandId: null, connections: {}, approvalPolicies: {}, promptHints: [], settings: {}, version: 0 };
    return { ...defaults, ...AgentConfigDouble.configured.get(`${context.organizationId}/${agent}`) };
  }
}
