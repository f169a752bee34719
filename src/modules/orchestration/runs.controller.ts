import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ValidationFailedError } from '../../common/errors/domain-errors';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import type { Principal } from '../api-keys/api-keys.service';
import { Authenticated, CurrentPrincipal } from '../auth/authenticated.decorator';
import { CreateRunDto } from './dto/create-run.dto';
import { ListRunsQuery } from './dto/list-runs.query';
import { QueuedRunView, RunPage, RunView, toRunView } from './dto/run.response';
import { RunsService } from './runs.service';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,200}$/;

@ApiTags('runs')
@Authenticated()
@Controller('v1/runs')
export class RunsController {
  constructor(private readonly runs: RunsService) {}

  @Post()
  @ApiOperation({ summary: 'Run an agent: sync answers 201 with the finished run, async answers 202 and a worker runs it' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same key and body within 24 h returns the original run, never a second execution' })
  @ApiCreatedResponse({ type: RunView, description: 'The finished run (sync)' })
  @ApiAcceptedResponse({ type: QueuedRunView, description: 'Queued (async)' })
  @ApiOkResponse({ type: RunView, description: 'Replay of an earlier request with the same Idempotency-Key' })
  @ApiErrors(400, 404, 422, 429, 503)
  async create(
    @CurrentPrincipal() caller: Principal,
    @Body() dto: CreateRunDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RunView | QueuedRunView> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new ValidationFailedError(['Idempotency-Key'], 'invalid request: Idempotency-Key must be 1-200 characters of A-Z a-z 0-9 . _ : -');
    }
    const { run, created } = await this.runs.submit(caller, dto, idempotencyKey);
    const queued = dto.mode === 'async';
    void reply.status(queued ? 202 : created ? 201 : 200);
    if (!created) void reply.header('Idempotent-Replayed', 'true');
    if (queued) return { id: run.id, status: run.status };
    return toRunView(run, await this.runs.toolExecutions(run.id));
  }

  @Get()
  @ApiOperation({ summary: "List the organization's runs, newest first, with cursor pagination" })
  @ApiOkResponse({ type: RunPage })
  @ApiErrors(400)
  async list(@CurrentPrincipal() caller: Principal, @Query() query: ListRunsQuery): Promise<RunPage> {
    const page = await this.runs.list(caller.organizationId, query);
    return { items: page.items.map((r) => toRunView(r)), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One run with its tool executions' })
  @ApiOkResponse({ type: RunView })
  @ApiErrors(400, 404)
  async get(@CurrentPrincipal() caller: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<RunView> {
    const { run, toolExecutions } = await this.runs.get(caller.organizationId, id);
    return toRunView(run, toolExecutions);
  }

  @Post(':id/cancel')
  @HttpCode(202)
  @ApiOperation({ summary: 'Cancel: a queued run never runs; a running one is told to stop and ends CANCELLED' })
  @ApiAcceptedResponse({ type: RunView })
  @ApiErrors(400, 404, 409)
  async cancel(@CurrentPrincipal() caller: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<RunView> {
    return toRunView(await this.runs.cancel(caller.organizationId, id));
  }
}
