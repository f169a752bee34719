import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsObject, IsString, MaxLength } from 'class-validator';
import { Agent } from '../agents/agent.decorator';
import type { AgentHandler, AgentRunContext } from '../agents/agent.types';

export const CONNECTOR_INVOKE_AGENT = 'connector.invoke';

export class ConnectorInvokeInput {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(64) connector!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(64) action!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) @IsObject() input!: Record<string, unknown>;
}

/** Direct invocation by an operator: one connector action, recorded as a run with one tool execution. */
@Agent({
  name: CONNECTOR_INVOKE_AGENT,
  kind: 'CONNECTOR',
  description: 'Runs one connector action for the caller\'s organization (POST /v1/connectors/:key/actions/:action)',
  input: ConnectorInvokeInput,
  tools: ['*'],
  policy: { maxAttempts: 1 },
})
export class ConnectorInvokeAgent implements AgentHandler<ConnectorInvokeInput> {
  run(input: ConnectorInvokeInput, context: AgentRunContext): Promise<unknown> {
    return context.tools.call(input.connector, input.action, input.input);
  }
}
