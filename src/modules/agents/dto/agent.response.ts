import { ApiProperty } from '@nestjs/swagger';
import type { CircuitStateName } from '../../../infra/resilience/keyed-circuit-breaker';
import type { RegisteredAgent } from '../agent-registry';

export class AgentPolicyView {
  @ApiProperty() timeoutMs!: number;
  @ApiProperty() maxAttempts!: number;
  @ApiProperty() rateLimitPerMinute!: number;
}

export class AgentView {
  @ApiProperty({ example: 'echo' }) name!: string;
  @ApiProperty({ example: 'DIAGNOSTIC' }) kind!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'JSON schema of the run input' }) inputSchema!: unknown;
  @ApiProperty({ type: [String], example: ['diagnostics.echo'] }) tools!: string[];
  @ApiProperty({ description: 'Started only by another run (a stage or a campaign step): POST /v1/runs refuses it' }) internal!: boolean;
  @ApiProperty({ type: AgentPolicyView }) policy!: AgentPolicyView;
  @ApiProperty({ enum: ['closed', 'open', 'halfOpen', 'isolated'], description: "This process's circuit for the agent" }) circuit!: CircuitStateName;
}

export function toAgentView(agent: RegisteredAgent, defaults: AgentPolicyView, circuit: CircuitStateName): AgentView {
  const { definition } = agent;
  return {
    name: definition.name,
    kind: definition.kind,
    description: definition.description,
    inputSchema: agent.inputSchema,
    tools: definition.tools,
    internal: definition.internal === true,
    policy: { ...defaults, ...definition.policy },
    circuit,
  };
}
