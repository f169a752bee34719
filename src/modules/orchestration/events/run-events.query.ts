import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { PageQuery } from '../../../common/validation/page.query';

/** An event id as the API hands them out (a positive bigint as text); longer would overflow the column. */
export const EVENT_ID = /^[0-9]{1,18}$/;

export class RunEventsQuery extends PageQuery {
  @ApiPropertyOptional({ example: '1042', description: 'SSE: resume after this event id, for clients that cannot send the Last-Event-ID header' })
  @IsOptional()
  @Matches(EVENT_ID, { message: 'lastEventId must be an event id (digits)' })
  lastEventId?: string;
}
