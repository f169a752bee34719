import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { validatePlain } from '../../common/validation/validate-plain';
import { ToolProvider } from '../tools/tool.decorator';
import type { ToolAction, ToolCallContext, ToolDefinition } from '../tools/tool.types';
import { AGENT_CONFIG_TOOL, type EffectiveAgentConfig, READ_CONFIG_ACTION } from './agent-config.types';
import { AgentConfigs } from './agent-configs';

export class ReadAgentConfigInput {
  @ApiProperty({ example: 'email', description: 'The agent whose configuration to read (usually the caller itself)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  agent!: string;
}

/**
 * `agent_config.read`: the run's organization's configuration of an agent, defaults filled in.
 * A recorded step like any tool call, so a resumed run acts on the configuration it started
 * with, not on one changed while it waited for approval.
 */
@ToolProvider()
export class AgentConfigTool implements ToolDefinition {
  readonly name = AGENT_CONFIG_TOOL;
  readonly description = "Agents' configuration by the organization: model, temperature, brand, connections, approval policies, prompt hints, settings";
  readonly actions: Record<string, ToolAction>;

  constructor(private readonly configs: AgentConfigs) {
    this.actions = {
      [READ_CONFIG_ACTION]: {
        description: "An agent's effective configuration for the run's organization (every declared write needs approval unless the organization said otherwise)",
        input: ReadAgentConfigInput,
        execute: (input, context) => this.read(input, context),
      },
    };
  }

  private async read(raw: Record<string, unknown>, context: ToolCallContext): Promise<EffectiveAgentConfig> {
    const input = await validatePlain(ReadAgentConfigInput, raw, 'input', `${AGENT_CONFIG_TOOL}.${READ_CONFIG_ACTION} input`);
    return this.configs.effective(context.organizationId, input.agent);
  }
}
