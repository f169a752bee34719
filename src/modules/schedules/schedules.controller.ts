import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import { PageQuery } from '../../common/validation/page.query';
import type { Principal } from '../api-keys/api-keys.service';
import { Authenticated, CurrentPrincipal } from '../auth/authenticated.decorator';
import { CreateScheduleDto, UpdateScheduleDto } from './dto/schedule-request.dto';
import { ScheduleDetailView, SchedulePage, ScheduleView, toScheduleDetailView, toScheduleView } from './dto/schedule.response';
import { ScheduleQueries } from './schedule-queries';
import { SchedulesService } from './schedules.service';
import { RequirePermission } from '../auth/permissions/require-permission.decorator';

@ApiTags('schedules')
@Authenticated()
@Controller('v1/schedules')
export class SchedulesController {
  constructor(private readonly schedules: SchedulesService, private readonly queries: ScheduleQueries) {}

  @Post()
  @RequirePermission('schedules:write')
  @ApiOperation({
    operationId: 'createSchedule',
    summary: 'Schedule an agent',
    description: "Run an agent (async, as the caller) at each fire time of a cron in a time zone; the agent's input is validated now and at every tick",
  })
  @ApiCreatedResponse({ type: ScheduleView })
  @ApiErrors(400, 503)
  async create(@CurrentPrincipal() caller: Principal, @Body() dto: CreateScheduleDto): Promise<ScheduleView> {
    return toScheduleView(await this.queries.stateAfterWrite(await this.schedules.create(caller, dto)));
  }

  @Get()
  @RequirePermission('schedules:read')
  @ApiOperation({ operationId: 'listSchedules', summary: 'List schedules', description: "The organization's schedules, newest first, each with its next fire times and its latest tick" })
  @ApiOkResponse({ type: SchedulePage })
  @ApiErrors(400)
  async list(@CurrentPrincipal() caller: Principal, @Query() query: PageQuery): Promise<SchedulePage> {
    const page = await this.queries.list(caller.organizationId, query);
    return { items: page.items.map(toScheduleView), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @RequirePermission('schedules:read')
  @ApiOperation({ operationId: 'getSchedule', summary: 'Get a schedule', description: 'One schedule with its next fire times and its recent ticks (what each started, skipped or failed to start)' })
  @ApiOkResponse({ type: ScheduleDetailView })
  @ApiErrors(400, 404)
  async get(@CurrentPrincipal() caller: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<ScheduleDetailView> {
    const { state, recentTicks } = await this.queries.get(caller.organizationId, id);
    return toScheduleDetailView(state, recentTicks);
  }

  @Patch(':id')
  @RequirePermission('schedules:write')
  @ApiOperation({ operationId: 'updateSchedule', summary: 'Update a schedule', description: 'Change the fields sent; a new cron, time zone or enabled takes effect on its scheduler at once' })
  @ApiOkResponse({ type: ScheduleView })
  @ApiErrors(400, 404, 503)
  async update(@CurrentPrincipal() caller: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateScheduleDto): Promise<ScheduleView> {
    return toScheduleView(await this.queries.stateAfterWrite(await this.schedules.update(caller.organizationId, id, dto)));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('schedules:write')
  @ApiOperation({ operationId: 'deleteSchedule', summary: 'Delete a schedule', description: 'Delete a schedule and its scheduler; the runs it started stay' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400, 404, 503)
  delete(@CurrentPrincipal() caller: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.schedules.delete(caller.organizationId, id);
  }
}
