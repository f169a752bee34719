import { Controller, Get, Headers, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiExtraModels, ApiHeader, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiErrors } from '../../../common/openapi/api-errors.decorator';
import type { Principal } from '../../api-keys/api-keys.service';
import { Authenticated, CurrentPrincipal } from '../../auth/authenticated.decorator';
import { RunEventPage, RunEventView } from './run-event.view';
import { RunEventStreams } from './run-event-streams';
import { RunEventsQuery } from './run-events.query';
import { RequirePermission } from '../../auth/permissions/require-permission.decorator';

const SSE_EXAMPLE = [
  'id: 1041\nevent: run.started\ndata: {"id":"1041","runId":"7f0c2d9e-0b7a-4c51-9d3e-2b8f6a1c4e10","type":"run.started","data":{"attempt":1},"createdAt":"2026-12-01T09:00:00.000Z"}',
  'event: step.text_delta\ndata: {"runId":"7f0c2d9e-0b7a-4c51-9d3e-2b8f6a1c4e10","type":"step.text_delta","step":1,"delta":"Autumn "}',
  ': ping',
].join('\n\n');

/** A client asking for JSON (and not for an event stream) gets the stored events as a page. */
function wantsJson(accept: string | undefined): boolean {
  const value = (accept ?? '').toLowerCase();
  return value.includes('application/json') && !value.includes('text/event-stream');
}

@ApiTags('runs')
@Authenticated()
@Controller('v1/runs')
export class RunEventsController {
  constructor(private readonly streams: RunEventStreams) {}

  @Get(':id/events')
  @RequirePermission('runs:read')
  @ApiOperation({
    operationId: 'listRunEvents',
    summary: "Follow a run's events",
    description:
      "The run's event log. With `Accept: text/event-stream` (the default): Server-Sent Events, the stored events after `Last-Event-ID` (or `lastEventId`), then live ones, " +
      'including model text deltas (`step.text_delta`, no id); the stream closes after the final event (run.completed, run.failed, run.cancelled, run.timed_out) and sends a `: ping` comment every 15 s. ' +
      'With `Accept: application/json`: one page of the stored events (`cursor`, `limit`).',
  })
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'SSE: resume after this event id (EventSource sends it when it reconnects)' })
  @ApiExtraModels(RunEventPage, RunEventView)
  @ApiOkResponse({
    description:
      'SSE stream: `id:` the event id, `event:` its type, `data:` the RunEventView as JSON; a `step.text_delta` has no id and its data is `{runId, type, step, delta}`. Or a JSON page',
    content: {
      'text/event-stream': { schema: { type: 'string' }, example: SSE_EXAMPLE },
      'application/json': { schema: { $ref: getSchemaPath(RunEventPage) } },
    },
  })
  @ApiErrors(400, 404, 503)
  async events(
    @CurrentPrincipal() caller: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: RunEventsQuery,
    @Headers('accept') accept: string | undefined,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const resume = { header: lastEventId, query: query.lastEventId };
    if (wantsJson(accept)) void reply.send(await this.streams.page(caller.organizationId, id, query, resume));
    else await this.streams.stream(caller.organizationId, id, resume, reply);
  }
}
