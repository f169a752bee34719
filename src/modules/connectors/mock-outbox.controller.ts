import { Body, Controller, Delete, Get, HttpCode, Put } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NotFoundError } from '../../common/errors/domain-errors';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import type { Principal } from '../api-keys/api-keys.service';
import { Authenticated, CurrentPrincipal } from '../auth/authenticated.decorator';
import { ConnectorRegistry } from './connector-registry';
import { OutboxEntryView, SetFailuresDto } from './dto/mock.dto';
import { MockState } from './mock/mock-state';
import { RequirePermission } from '../auth/permissions/require-permission.decorator';

/** For e2e suites running against the mocks: what was "sent", and failures on demand. Gone when no mock is active. */
@ApiTags('connectors (mock mode)')
@Authenticated()
@Controller('v1/connectors/mock')
export class MockOutboxController {
  constructor(private readonly registry: ConnectorRegistry, private readonly state: MockState) {}

  private assertMocksActive(): void {
    if (!this.registry.anyMockActive) throw new NotFoundError('mock outbox (no connector runs in mock mode)');
  }

  @Get('outbox')
  @RequirePermission('connectors:read')
  @ApiOperation({ operationId: 'getMockOutbox', summary: 'Read the mock outbox', description: "Everything the organization's mock connectors sent, oldest first" })
  @ApiOkResponse({ type: [OutboxEntryView] })
  @ApiErrors(404)
  async outbox(@CurrentPrincipal() caller: Principal): Promise<OutboxEntryView[]> {
    this.assertMocksActive();
    return this.state.outbox(caller.organizationId);
  }

  @Delete('outbox')
  @HttpCode(204)
  @RequirePermission('connectors:invoke')
  @ApiOperation({ operationId: 'clearMockOutbox', summary: 'Clear the mock outbox', description: "Clear the organization's mock outbox" })
  @ApiNoContentResponse()
  @ApiErrors(404)
  async clear(@CurrentPrincipal() caller: Principal): Promise<void> {
    this.assertMocksActive();
    await this.state.clearOutbox(caller.organizationId);
  }

  @Put('failures')
  @RequirePermission('connectors:invoke')
  @ApiOperation({ operationId: 'setMockFailures', summary: 'Set mock failures', description: 'Make mock calls fail: rate limited, timeout, provider error or auth revoked, for the next N calls' })
  @ApiOkResponse({ type: SetFailuresDto })
  @ApiErrors(400, 404)
  async setFailures(@CurrentPrincipal() caller: Principal, @Body() dto: SetFailuresDto): Promise<SetFailuresDto> {
    this.assertMocksActive();
    for (const rule of dto.rules) if (this.registry.mode(rule.connector) !== 'mock') throw new NotFoundError('mock connector', rule.connector);
    await this.state.setFailures(caller.organizationId, dto.rules.map((r) => ({ connector: r.connector, action: r.action, failure: r.failure, remaining: r.times })));
    return dto;
  }

  @Delete('failures')
  @HttpCode(204)
  @RequirePermission('connectors:invoke')
  @ApiOperation({ operationId: 'clearMockFailures', summary: 'Clear mock failures', description: 'Remove every failure rule of the organization' })
  @ApiNoContentResponse()
  @ApiErrors(404)
  async clearFailures(@CurrentPrincipal() caller: Principal): Promise<void> {
    this.assertMocksActive();
    await this.state.setFailures(caller.organizationId, []);
  }
}
