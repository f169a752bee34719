import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import type { Principal } from '../api-keys/api-keys.service';
import { Authenticated, CurrentPrincipal } from '../auth/authenticated.decorator';
import { RunView, toRunView } from '../orchestration/dto/run.response';
import { InvokeConnectorAction } from './invoke-connector-action';
import { RequirePermission } from '../auth/permissions/require-permission.decorator';

@ApiTags('connectors')
@Authenticated()
@Controller('v1/connectors')
export class ConnectorActionsController {
  constructor(private readonly actions: InvokeConnectorAction) {}

  @Post(':key/actions/:action')
  @HttpCode(201)
  @RequirePermission('connectors:invoke')
  @ApiOperation({ operationId: 'invokeConnectorAction', summary: 'Run a connector action', description: "Run one action for the caller's organization, recorded as a run of connector.invoke with one tool execution" })
  @ApiBody({
    required: false,
    description: "The action's input: a JSON object shaped by the action's `inputSchema` in GET /v1/connectors/{key} (each connector and action has its own; an action without input takes `{}`)",
    schema: { type: 'object', additionalProperties: true, example: { channel: '#launch', text: 'Our spring collection is live.' } },
  })
  @ApiCreatedResponse({ type: RunView, description: 'The finished run (COMPLETED or FAILED) with its one tool execution' })
  @ApiErrors(400, 404, 424, 429, 503)
  async invoke(@CurrentPrincipal() caller: Principal, @Param('key') key: string, @Param('action') action: string, @Body() input: Record<string, unknown>): Promise<RunView> {
    const { run, toolExecutions } = await this.actions.invoke(caller, key, action, input);
    return toRunView(run, toolExecutions);
  }
}
