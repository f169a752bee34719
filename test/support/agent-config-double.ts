import { AGENT_CONFIG_TOOL, type ApprovalPolicy, type EffectiveAgentConfig, READ_CONFIG_ACTION } from '../../src/modules/agent-config/agent-config.types';
import { PrismaService } from '../../src/infra/prisma/prisma.service';
import { ToolProvider } from '../../src/modules/tools/tool.decorator';
import type { ToolAction, ToolCallContext, ToolDefinition } from '../../src/modules/tools/tool.types';

/**
 * Stands in for `agent_config.read` until the agent configuration module is on this branch: the
 * organization's agent_configs row, if a spec wrote one, over the safe defaults (every write waits
 * for a person, no connection named, no brand). Remove it (and its worker entry) once the real
 * tool is registered: two tools of one name fail the boot.
 */
@ToolProvider()
export class AgentConfigDouble implements ToolDefinition {
  readonly name = AGENT_CONFIG_TOOL;
  readonly description = 'Test double of the agent configuration';
  readonly actions: Record<string, ToolAction> = {
    [READ_CONFIG_ACTION]: { description: "An agent's effective configuration", execute: (input, context) => this.read(String(input.agent), context) },
  };

  constructor(private readonly prisma: PrismaService) {}

  private async read(agent: string, context: ToolCallContext): Promise<EffectiveAgentConfig> {
    const row = await this.prisma.agentConfig.findFirst({ where: { organizationId: context.organizationId, agentName: agent } });
    return {
      agent,
      enabled: row?.enabled ?? true,
      model: row?.model ?? null,
      temperature: row?.temperature ?? null,
      brandId: row?.brandId ?? null,
      connections: (row?.connections ?? {}) as unknown as Record<string, string>,
      approvalPolicies: (row?.approvalPolicies ?? {}) as unknown as Record<string, ApprovalPolicy>,
      promptHints: row?.promptHints ?? [],
      settings: (row?.settings ?? {}) as unknown as Record<string, unknown>,
      version: row?.version ?? 0,
    };
  }
}
