import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import type { Principal } from '../api-keys/api-keys.service';
import { Authenticated, CurrentPrincipal } from '../auth/authenticated.decorator';
import { RequirePermission } from '../auth/permissions/require-permission.decorator';
import { AuditQueries } from './audit-queries';
import { AuditLogPage, toAuditLogEntryView } from './dto/audit-log.response';
import { ListAuditLogQuery } from './dto/list-audit-log.query';

@ApiTags('audit-log')
@Authenticated()
@Controller('v1/audit-log')
export class AuditLogController {
  constructor(private readonly queries: AuditQueries) {}

  @Get()
  @RequirePermission('audit:read')
  @ApiOperation({ operationId: 'listAuditLog', summary: 'Audit trail', description: "The organization's audit entries, newest first, with filters and cursor pagination (default page 50)" })
  @ApiOkResponse({ type: AuditLogPage })
  @ApiErrors(400)
  async list(@CurrentPrincipal() caller: Principal, @Query() query: ListAuditLogQuery): Promise<AuditLogPage> {
    const page = await this.queries.list(caller.organizationId, query);
    return { items: page.items.map(toAuditLogEntryView), nextCursor: page.nextCursor };
  }
}
