import type { Provider } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AGENT_CONFIG_TOOL, type EffectiveAgentConfig, READ_CONFIG_ACTION } from '../../src/modules/agent-config/agent-config.types';
import { ToolProvider } from '../../src/modules/tools/tool.decorator';
import type { ToolAction, ToolCallContext, ToolDefinition } from '../../src/modules/tools/tool.types';
import type { E2eContext } from './e2e-context';

/** Where the real `agent_config` tool lives once the agent-config module is in the tree. */
const REAL_TOOL = join(__dirname, '..', '..', 'src', 'modules', 'agent-config', 'agent-config.tool.ts');
const realToolPresent = () => existsSync(REAL_TOOL);

/**
 * A stand-in for the `agent_config.read` tool while the agent-config module is not in the tree:
 * the deployment's defaults (nothing set), or what a spec set for (organization, agent). Agents
 * that declare the tool cannot boot without one.
 */
@ToolProvider()
export class AgentConfigDouble implements ToolDefinition {
  static readonly configured = new Map<string, Partial<EffectiveAgentConfig>>();

  readonly name = AGENT_CONFIG_TOOL;
  readonly description = 'Test double of the agent configuration tool';
  readonly actions: Record<string, ToolAction> = {
    [READ_CONFIG_ACTION]: {
      description: "An agent's effective configuration",
      execute: async (input: Record<string, unknown>, context: ToolCallContext): Promise<EffectiveAgentConfig> => {
        const agent = String(input.agent);
        const defaults = { agent, enabled: true, model: null, temperature: null, brandId: null, connections: {}, approvalPolicies: {}, promptHints: [], settings: {}, version: 0 };
        return { ...defaults, ...AgentConfigDouble.configured.get(`${context.organizationId}:${agent}`) };
      },
    },
  };
}

/** The double, only while the real tool is absent (two tools of one name fail boot): specs stay right on either side of the merge. */
export function agentConfigUntilMerged(): Provider[] {
  return realToolPresent() ? [] : [AgentConfigDouble];
}

/** Sets an organization's configuration of an agent: through the API once it exists, in the double until then. */
export async function configureAgent(sut: E2eContext, apiKey: string, organizationId: string, agent: string, config: { settings?: Record<string, unknown>; promptHints?: string[] }): Promise<void> {
  if (!realToolPresent()) {
    AgentConfigDouble.configured.set(`${organizationId}:${agent}`, config);
    return;
  }
  await sut.http.put(`/v1/agents/${agent}/config`).set({ Authorization: `Bearer ${apiKey}` }).send(config).expect(200);
}
