import { Body, Controller, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import type { Principal } from '../api-keys/api-keys.service';
import { Authenticated, CurrentPrincipal } from '../auth/authenticated.decorator';
import { ScheduleView, toScheduleView } from '../schedules/dto/schedule.response';
import { ScheduleQueries } from '../schedules/schedule-queries';
import { SeoScheduleDto } from './dto/seo-schedule.dto';
import { SeoScheduleService } from './seo-schedule.service';
import { RequirePermission } from '../auth/permissions/require-permission.decorator';

@ApiTags('seo')
@Authenticated()
@Controller('v1/seo')
export class SeoScheduleController {
  constructor(private readonly weekly: SeoScheduleService, private readonly queries: ScheduleQueries) {}

  @Post('schedule')
  @RequirePermission('schedules:write')
  @ApiOperation({
    operationId: 'ensureSeoSchedule',
    summary: 'Schedule the weekly SEO review',
    description: "Creates the organization's weekly seo run (Mondays 06:00 in the time zone given) or, when it exists, returns it unchanged; manage it under /v1/schedules",
  })
  @ApiCreatedResponse({ type: ScheduleView, description: 'Created' })
  @ApiOkResponse({ type: ScheduleView, description: 'It existed: returned as it is' })
  @ApiErrors(400, 404, 503)
  async ensure(@CurrentPrincipal() caller: Principal, @Body() dto: SeoScheduleDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<ScheduleView> {
    const { schedule, created } = await this.weekly.ensureWeekly(caller, dto);
    void reply.status(created ? 201 : 200);
    return toScheduleView(await this.queries.stateAfterWrite(schedule));
  }
}
