import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import type { Principal } from '../api-keys/api-keys.service';
import { Authenticated, CurrentPrincipal } from '../auth/authenticated.decorator';
import { UsageQuery } from './dto/usage.query';
import { UsageReport } from './dto/usage.response';
import { UsageService } from './usage.service';
import { RequirePermission } from '../auth/permissions/require-permission.decorator';

@ApiTags('usage')
@Authenticated()
@Controller('v1/usage')
export class UsageController {
  constructor(private readonly usage: UsageService) {}

  @Get()
  @RequirePermission('usage:read')
  @ApiOperation({ operationId: 'getUsage', summary: 'Model usage and budget', description: "The organization's model tokens and cost in a month, per model and per agent, and the budget left" })
  @ApiOkResponse({ type: UsageReport })
  @ApiErrors(400)
  get(@CurrentPrincipal() caller: Principal, @Query() query: UsageQuery): Promise<UsageReport> {
    return this.usage.report(caller.organizationId, query.month);
  }
}
