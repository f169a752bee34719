import { Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { Sql } from '../../../infra/database/sql';
import type { HandedSlots } from '../../policies/organization-run-slots';
import { SlotMetrics } from '../../telemetry/slot-metrics';
import { RunEvents } from '../events/run-events';
import { withRunEvents } from '../events/run-event-sql';
import type { RunEventRecord } from '../events/run-event';
import { type RunJob, runJobId } from './run-job';
import { RunQueue } from './run-queue';

/** Marks a run.queued event as a wait for the organization's slot, so a run gets that reason once. */
const SLOT_WAIT = 'organization_slot';

/** Statuses a job may start a run from (QUEUED, or a wait whose time came): the ones a wait for a slot keeps. */
const STARTABLE = `('QUEUED'::"RunStatus", 'WAITING'::"RunStatus", 'AWAITING_APPROVAL'::"RunStatus")`;

const PARKED_RUN_SQL = {
  /**
   * $1 run, $2 reason, $3 limit. Touches updated_at, so the sweeper's re-enqueue of quiet QUEUED
   * runs (the net should Redis lose the parked set) revisits it only a lease later; appends the
   * reason the first time the run waits for a slot, in the same statement.
   */
  park: withRunEvents(
    `
    UPDATE "agent_runs" SET "updated_at" = now()
    WHERE "id" = $1::uuid AND "status" IN ${STARTABLE}
    RETURNING "id", "organization_id" AS "organizationId",
      EXISTS (SELECT 1 FROM "run_events" "e" WHERE "e"."run_id" = "agent_runs"."id" AND "e"."type" = 'run.queued' AND "e"."data"->>'waitingFor' = '${SLOT_WAIT}') AS "noted"`,
    `'run.queued'`,
    `jsonb_build_object('reason', $2::text, 'waitingFor', '${SLOT_WAIT}', 'limit', $3::int)`,
    `WHERE NOT "noted"`,
  ),

  /** $1 run ids: what a job of each needs, for those still startable. */
  startable: `
    SELECT "id" AS "runId", "organization_id" AS "organizationId", "user_id" AS "userId", "attempt",
           (SELECT "name" FROM "agents" WHERE "agents"."id" = "agent_id") AS "agent"
    FROM "agent_runs" WHERE "id" = ANY($1::uuid[]) AND "status" IN ${STARTABLE}`,
} as const;

interface StartableRun {
  runId: string;
  organizationId: string;
  userId: string | null;
  attempt: number;
  agent: string;
}

/** The reason a run waiting for its organization's slot shows in its events. */
export function slotWaitReason(limit: number): string {
  return `waiting for a slot: organization runs ${limit} at once`;
}

/**
 * The runs waiting for their organization's execution slot, on the database's side: a parked
 * run stays as it is (QUEUED, never failed for waiting) and says why once; a run handed a slot
 * goes back on the queue.
 */
@Injectable()
export class ParkedRuns {
  constructor(
    private readonly sql: Sql,
    private readonly events: RunEvents,
    private readonly queue: RunQueue,
    private readonly metrics: SlotMetrics,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext(ParkedRuns.name);
  }

  async park(job: RunJob, limit: number): Promise<void> {
    const rows = await this.sql.rows<{ noted: boolean; events: RunEventRecord[] }>(PARKED_RUN_SQL.park, [job.runId, slotWaitReason(limit), limit]);
    const first = rows.length > 0 && !rows[0].noted;
    this.events.publish(rows[0]?.events);
    this.metrics.parked('organization_limit', first);
    if (first) this.logger.info({ runId: job.runId, limit }, 'run waits for its organization slot');
  }

  /**
   * Puts the runs handed a slot back on the queue. Each gets a job of its own, named after the
   * hand-off: the job that parked it may still be finishing (BullMQ's "active"), and a retry of
   * that one would then be refused and the hand-off lost. Answers the runs that are no longer
   * startable (cancelled while parked), whose slot the caller frees again.
   */
  async wake(handed: HandedSlots): Promise<string[]> {
    if (!handed.runIds.length) return [];
    const runs = await this.sql.rows<StartableRun>(PARKED_RUN_SQL.startable, [handed.runIds]);
    for (const run of runs) {
      const job: RunJob = { runId: run.runId, agent: run.agent, organizationId: run.organizationId, userId: run.userId ?? undefined };
      await this.queue.add(job, { jobId: `${runJobId(run.runId, run.attempt)}-slot-${handed.at}` });
    }
    this.metrics.handedOff(runs.length);
    return handed.runIds.filter((id) => !runs.some((run) => run.runId === id));
  }
}
