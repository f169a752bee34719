import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { CLS_ID, ClsService } from 'nestjs-cls';
import { PinoLogger } from 'nestjs-pino';
import { enterCallerIdentity, type RequestContext } from '../../../infra/cls/request-context';
import { ClassifiedError, errorClassOf } from '../../../infra/resilience/classified-error';
import { pendingStageOf, type IntakeJob, type IntakeStage } from './intake-jobs';
import { IntakeLedger, type IntakeState } from './intake-ledger';
import { IntakeQueues } from './intake-queues';

export type IntakeOutcome = { status: IntakeState['status'] } | { skipped: 'document gone' };

/**
 * What every intake stage does around its own work, so the processors stay one line: a CLS
 * context carrying the request id and organization; the failure policy (a retryable failure is
 * thrown back to BullMQ for another attempt, any other failure, or the last attempt's, ends the
 * document FAILED with the error's class and message); and the hand-over to the next stage,
 * decided by where the document stands afterwards, so a stage that finds its work already done
 * (a duplicate job, a re-run after a crash) still makes sure the next one is queued.
 */
@Injectable()
export class IntakeRunner {
  constructor(
    private readonly ledger: IntakeLedger,
    private readonly queues: IntakeQueues,
    private readonly cls: ClsService<RequestContext>,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext(IntakeRunner.name);
  }

  run(stage: IntakeStage, job: Job<IntakeJob>, work: (job: IntakeJob) => Promise<IntakeState | null>): Promise<IntakeOutcome> {
    return this.cls.run(async () => {
      this.cls.set(CLS_ID, job.data.requestId ?? `job-${job.id}`);
      enterCallerIdentity(this.cls, { organizationId: job.data.organizationId });
      const { documentId, version } = job.data;
      let state: IntakeState | null;
      try {
        state = (await work(job.data)) ?? (await this.ledger.state(documentId));
      } catch (error) {
        if (isRetryable(error) && !isLastAttempt(job)) throw error;
        const failure = { errorClass: errorClassOf(error as Error), message: (error as Error).message };
        state = (await this.ledger.failed(stage, documentId, version, failure)) ?? (await this.ledger.state(documentId));
        if (state?.status === 'FAILED') this.logger.warn({ documentId, version, stage, errorClass: failure.errorClass }, 'document intake failed');
      }
      if (!state) return { skipped: 'document gone' as const };
      await this.handOver(stage, job.data, state);
      if (state.status === 'READY') this.logger.info({ documentId, version: state.version }, 'document ready');
      return { status: state.status };
    });
  }

  private async handOver(stage: IntakeStage, job: IntakeJob, state: IntakeState): Promise<void> {
    const next = pendingStageOf(state);
    // Its own job is the one running: nothing to queue.
    if (!next || (next === stage && state.version === job.version)) return;
    await this.queues.ensureQueued(next, { documentId: state.id, organizationId: state.organizationId, version: state.version, requestId: job.requestId });
  }
}

/** Classified failures say whether another attempt may help; anything else (the database away, say) is worth one. */
function isRetryable(error: unknown): boolean {
  return error instanceof ClassifiedError ? error.retryable : true;
}

function isLastAttempt(job: Job): boolean {
  return job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}
