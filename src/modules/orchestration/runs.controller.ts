import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import type { Principal } from '../api-keys/api-keys.service';
import { Authenticated, CurrentPrincipal } from '../auth/authenticated.decorator';
import { CreateRunDto } from './dto/create-run.dto';
import { ListRunsQuery } from './dto/list-runs.query';
import { QueuedRunView, RunPage, RunView, toRunView } from './dto/run.response';
import { CancelRun } from './cancel-run';
import { IdempotencyKeyHeader, IdempotencyKeyPipe } from './idempotency-key.pipe';
import { RunQueries } from './run-queries';
import { SubmitRun } from './submit-run';
import { FINAL_STATUSES } from './run.records';
import { RequirePermission } from '../auth/permissions/require-permission.decorator';

@ApiTags('runs')
@Authenticated()
@Controller('v1/runs')
export class RunsController {
  constructor(private readonly submission: SubmitRun, private readonly queries: RunQueries, private readonly cancellation: CancelRun) {}

  @Post()
  @RequirePermission('agents:execute')
  @ApiOperation({ operationId: 'createRun', summary: 'Run an agent', description: 'Run an agent: sync answers 201 with the finished run, async answers 202 and a worker runs it' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same key and body within 24 h returns the original run, never a second execution' })
  @ApiCreatedResponse({ type: RunView, description: 'The finished run (sync)' })
  @ApiAcceptedResponse({ type: QueuedRunView, description: 'Queued (async)' })
  @ApiOkResponse({ type: RunView, description: 'Replay of an earlier request with the same Idempotency-Key', headers: { 'Idempotent-Replayed': { description: 'Always true: this is the original run, not a new execution', schema: { type: 'string', enum: ['true'] } } } })
  @ApiErrors(400, 402, 404, 422, 429, 503)
  async create(
    @CurrentPrincipal() caller: Principal,
    @Body() dto: CreateRunDto,
    @IdempotencyKeyHeader(IdempotencyKeyPipe) idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RunView | QueuedRunView> {
    const { run, toolExecutions, created, warning } = await this.submission.submit(caller, dto, { idempotencyKey });
    // Async, or a sync run handed back at shutdown or waiting (for approval, a sleep): it continues later.
    const queued = dto.mode === 'async' || dto.runAt !== undefined || !FINAL_STATUSES.includes(run.status);
    void reply.status(queued ? 202 : created ? 201 : 200);
    if (!created) void reply.header('Idempotent-Replayed', 'true');
    return queued ? { id: run.id, status: run.status, ...(warning ? { warning } : {}) } : toRunView(run, toolExecutions);
  }

  @Get()
  @RequirePermission('runs:read')
  @ApiOperation({ operationId: 'listRuns', summary: 'List runs', description: "List the organization's runs, newest first, with cursor pagination" })
  @ApiOkResponse({ type: RunPage })
  @ApiErrors(400)
  async list(@CurrentPrincipal() caller: Principal, @Query() query: ListRunsQuery): Promise<RunPage> {
    const page = await this.queries.list(caller.organizationId, query);
    return { items: page.items.map((r) => toRunView(r)), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @RequirePermission('runs:read')
  @ApiOperation({ operationId: 'getRun', summary: 'Get a run', description: 'One run with its tool executions' })
  @ApiOkResponse({ type: RunView })
  @ApiErrors(400, 404)
  async get(@CurrentPrincipal() caller: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<RunView> {
    const { run, toolExecutions } = await this.queries.get(caller.organizationId, id);
    return toRunView(run, toolExecutions);
  }

  @Post(':id/cancel')
  @HttpCode(202)
  @RequirePermission('agents:execute')
  @ApiOperation({ operationId: 'cancelRun', summary: 'Cancel a run', description: 'Cancel: a queued run never runs; a running one is told to stop and ends CANCELLED' })
  @ApiAcceptedResponse({ type: RunView })
  @ApiErrors(400, 404, 409)
  async cancel(@CurrentPrincipal() caller: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<RunView> {
    return toRunView(await this.cancellation.cancel(caller.organizationId, id));
  }
}
