import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { PinoLogger } from 'nestjs-pino';
import { NotFoundError, ValidationFailedError } from '../../../common/errors/domain-errors';
import { RunReads } from '../persistence/run-reads';
import { FINAL_STATUSES, type RunRecord } from '../run.records';
import { RunEventFeed } from './run-event-feed';
import { RunEventStream } from './run-event-stream';
import { RunEvents } from './run-events';
import { EVENT_ID } from './run-events.query';
import { RunEventPage, toRunEventView } from './run-event.view';

const DEFAULT_PAGE_SIZE = 100;

/** Where a client resumes: the query's id wins over the header's (a browser's EventSource sets the header itself). */
export interface ResumePoint {
  header?: string;
  query?: string;
}

/** A run's event log over HTTP: a page of stored events, or a live SSE stream of them. */
@Injectable()
export class RunEventStreams {
  constructor(private readonly reads: RunReads, private readonly events: RunEvents, private readonly feed: RunEventFeed, private readonly logger: PinoLogger) {
    logger.setContext(RunEventStreams.name);
  }

  async page(organizationId: string, runId: string, query: { cursor?: string; limit?: number }, resume: ResumePoint): Promise<RunEventPage> {
    await this.runOf(organizationId, runId);
    const after = query.cursor !== undefined ? eventId(query.cursor, 'cursor') : lastEventIdOf(resume);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.events.after(runId, after, limit + 1);
    const items = rows.slice(0, limit).map((event) => toRunEventView(event));
    return { items, nextCursor: rows.length > limit ? (items[items.length - 1]?.id ?? null) : null };
  }

  /**
   * Everything that can fail as an HTTP error (the run, the id, the subscription) is done before
   * the reply is taken over; after that, a failure can only end the stream.
   */
  async stream(organizationId: string, runId: string, resume: ResumePoint, reply: FastifyReply): Promise<void> {
    const lastEventId = lastEventIdOf(resume);
    const run = await this.runOf(organizationId, runId);
    const stream = new RunEventStream(reply.raw, {
      runId,
      lastEventId,
      endedAtOpen: FINAL_STATUSES.includes(run.status),
      readAfter: (id, after, limit) => this.events.after(id, after, limit),
      onError: (error) => this.logger.warn({ runId, reason: error.message }, 'run event stream failed; closed'),
    });
    // Subscribed before the stored log is read: an event appended in between arrives live.
    const unfollow = await this.feed.follow(runId, stream);
    stream.onClose(unfollow);
    void reply.hijack();
    stream.start(reply.getHeaders());
  }

  private async runOf(organizationId: string, runId: string): Promise<RunRecord> {
    const run = await this.reads.find(runId, organizationId);
    if (!run) throw new NotFoundError('run', runId);
    return run;
  }
}

function lastEventIdOf(resume: ResumePoint): string | null {
  if (resume.query !== undefined) return eventId(resume.query, 'lastEventId');
  if (resume.header !== undefined && resume.header !== '') return eventId(resume.header, 'Last-Event-ID');
  return null;
}

function eventId(raw: string, field: string): string {
  if (!EVENT_ID.test(raw)) throw new ValidationFailedError([field], `invalid request: ${field} must be an event id (digits), as sent in the stream's id field`);
  return raw;
}
