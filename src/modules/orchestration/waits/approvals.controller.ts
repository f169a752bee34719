import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../../common/openapi/api-errors.decorator';
import type { Principal } from '../../api-keys/api-keys.service';
import { Authenticated, CurrentPrincipal } from '../../auth/authenticated.decorator';
import { ApprovalPage, ApprovalView, DecideApprovalDto, ListApprovalsQuery, toApprovalView } from '../dto/approval.dto';
import { decodeCursor, encodeCursor } from '../../../common/validation/page-cursor';
import { DecideApproval } from './decide-approval';
import { RunApprovals, type ApprovalStatus } from './run-approvals';
import { RequirePermission } from '../../auth/permissions/require-permission.decorator';

const DEFAULT_PAGE = 20;

@ApiTags('approvals')
@Authenticated()
@Controller('v1')
export class ApprovalsController {
  constructor(private readonly approvals: RunApprovals, private readonly decisions: DecideApproval) {}

  @Get('approvals')
  @RequirePermission('approvals:read')
  @ApiOperation({ operationId: 'listApprovals', summary: 'Review inbox', description: "The organization's approvals, newest first; status=pending is what waits for a person now" })
  @ApiOkResponse({ type: ApprovalPage })
  @ApiErrors(400)
  async list(@CurrentPrincipal() caller: Principal, @Query() query: ListApprovalsQuery): Promise<ApprovalPage> {
    const limit = query.limit ?? DEFAULT_PAGE;
    const rows = await this.approvals.inbox(caller.organizationId, {
      status: query.status?.toUpperCase() as ApprovalStatus | undefined,
      after: query.cursor ? decodeCursor(query.cursor) : undefined,
      limit: limit + 1,
    });
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return { items: items.map((row) => toApprovalView(row)), nextCursor: rows.length > limit && last ? encodeCursor({ createdAt: new Date(last.createdAt), id: last.id }) : null };
  }

  @Post('runs/:id/approvals/:approvalId')
  @HttpCode(200)
  @RequirePermission('approvals:decide')
  @ApiOperation({ operationId: 'decideApproval', summary: 'Approve or reject', description: 'Records the decision once (a second one is 409) and resumes the run on a worker, which replays its recorded steps' })
  @ApiOkResponse({ type: ApprovalView })
  @ApiErrors(400, 404, 409)
  async decide(
    @CurrentPrincipal() caller: Principal,
    @Param('id', new ParseUUIDPipe()) runId: string,
    @Param('approvalId', new ParseUUIDPipe()) approvalId: string,
    @Body() dto: DecideApprovalDto,
  ): Promise<ApprovalView> {
    return toApprovalView(await this.decisions.decide(caller, runId, approvalId, dto));
  }
}
