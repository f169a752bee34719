import type { EffectiveAgentConfig } from '../../src/modules/agent-config/agent-config.types';
import { ToolProvider } from '../../src/modules/tools/tool.decorator';
import type { ToolAction, ToolDefinition } from '../../src/modules/tools/tool.types';
import { SOCIAL_SETTINGS } from './social-e2e';

/**
 * Stands in for the agent_config tool in the social specs' processes, with the demo
 * organization's social settings: every declared write approved by a person, the accounts the
 * social agent posts as.
 */
@ToolProvider()
export class AgentConfigDouble implements ToolDefinition {
  readonly name = 'agent_config';
  readonly description = 'Agent configuration (test double)';
  readonly actions: Record<string, ToolAction> = {
    read: {
      description: "An agent's effective configuration",
      execute: (input): Promise<EffectiveAgentConfig> =>
        Promise.resolve({
          agent: String(input.agent),
          enabled: true,
          model: null,
          temperature: null,
          brandId: null,
          connections: {},
          approvalPolicies: { 'social.publish': { mode: 'always' } },
          promptHints: [],
          settings: SOCIAL_SETTINGS,
          version: 1,
        }),
    },
  };
}
