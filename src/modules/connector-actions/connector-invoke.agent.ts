import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsObject, IsString, MaxLength } from 'class-validator';
import { ValidationFailedError } from '../../common/errors/domain-errors';
import { Agent } from '../agents/agent.decorator';
import type { AgentHandler, AgentRunContext } from '../agents/agent.types';
import { ConnectorRegistry } from '../connectors/connector-registry';
import { ConnectorsService } from '../connectors/connectors.service';

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
  constructor(private readonly registry: ConnectorRegistry, private readonly connectors: ConnectorsService) {}

  /**
   * The connector and action must exist and the action's input must be valid before a run is
   * recorded: a 400 naming `input.connector`, `input.action` or `input.input.<field>`. The parsed
   * action input replaces the plain one, so the call itself does not validate it again.
   */
  async check(input: ConnectorInvokeInput): Promise<void> {
    if (this.registry.mode(input.connector) === 'disabled') {
      throw new ValidationFailedError(['input.connector'], `invalid input for agent ${CONNECTOR_INVOKE_AGENT}: input.connector: no enabled connector named ${input.connector}`);
    }
    if (!this.registry.get(input.connector).manifest.actions.some((a) => a.name === input.action)) {
      throw new ValidationFailedError(['input.action'], `invalid input for agent ${CONNECTOR_INVOKE_AGENT}: input.action: connector ${input.connector} has no action ${input.action}`);
    }
    try {
      input.input = (await this.connectors.validate(input.connector, input.action, input.input)) as Record<string, unknown>;
    } catch (error) {
      if (!(error instanceof ValidationFailedError)) throw error;
      throw new ValidationFailedError(error.fields.map((field) => `input.${field}`), error.message.replace(/\binput\./g, 'input.input.'));
    }
  }

  run(input: ConnectorInvokeInput, context: AgentRunContext): Promise<unknown> {
    return context.tools.call(input.connector, input.action, input.input);
  }
}
