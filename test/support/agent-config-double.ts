import { AGENT_CONFIG_TOOL, type EffectiveAgentConfig, READ_CONFIG_ACTION } from '../../src/modules/agent-config/agent-config.types';
import { ToolProvider } from '../../src/modules/tools/tool.decorator';
import type { ToolAction, ToolDefinition } from '../../src/modules/tools/tool.types';

/**
 * Stands in for `agent_config.read` until the agent configuration module is on this branch: every
 * agent reads the deployment's safe defaults (every write waits for a person, no connection named,
 * no brand). Remove it (and its worker entry) once the real tool is registered: two tools of one
 * name fail the boot.
 */
@ToolProvider()
export class AgentConfigDouble implements ToolDefinition {
  readonly name = AGENT_CONFIG_TOOL;
  readonly description = 'Test double of the agent configuration';
  readonly actions: Record<string, ToolAction> = {
    [READ_CONFIG_ACTION]: {
      description: "An agent's effective configuration (defaults only)",
      execute: async (input): Promise<EffectiveAgentConfig> => ({
        agent: String(input.agent),
        enabled: true,
        model: null,
        temperature: null,
        brandId: null,
        connections: {},
        approvalPolicies: {},
        promptHints: [],
        settings: {},
        version: 0,
      }),
    },
  };
}
