import { ValidationFailedError } from '../../common/errors/domain-errors';
import { InternalAgentError, SyncRunRefusedError } from './run-errors';
import { Injectable } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { PinoLogger } from 'nestjs-pino';
import type { RequestContext } from '../../infra/cls/request-context';
import { redactForStorage } from '../../infra/logging/redaction';
import type { Principal } from '../api-keys/api-keys.service';
import { AgentEnablement } from '../agent-config/agent-enablement';
import { AgentRegistry } from '../agents/agent-registry';
import { CircuitBreakers } from '../policies/circuit-breakers';
import { RunRateLimiter } from '../policies/run-rate-limiter';
import { AgentIds } from './agent-ids';
import { requestHash } from './idempotency';
import { IdempotentReplay } from './idempotent-replay';
import { IdempotencyKeyTakenError } from './persistence/persistence-errors';
import { RunLedger } from './persistence/run-ledger';
import { RunQueue } from './queue/run-queue';
import { RunExecutor } from './run-executor';
import { type FinishedRun, type NewRun, type RunMode } from './run.records';

export const NO_WORKER_WARNING = 'no worker is consuming agent.run right now: the run waits until one starts (npm run start:worker)';

export interface RunRequest {
  agent: string;
  intent?: string;
  input?: Record<string, unknown>;
  mode?: 'sync' | 'async';
  /** Not before this time: always async (a sync caller cannot wait for it). */
  runAt?: Date;
}

export interface SubmitOptions {
  idempotencyKey?: string;
  /** The input already validated against the agent's DTO by the caller (validated once per request). */
  parsedInput?: object;
  /** The schedule whose tick submits this run. */
  scheduleId?: string;
  /** The campaign it works for (a launch's step); a child without one inherits its parent's. */
  campaignId?: string;
  /** The run that starts this one (`runs.start`). */
  parentRunId?: string;
  /** The engine's own callers (runs.start, a campaign's launch) may start internal agents; a person's request may not. */
  internalAllowed?: boolean;
}

export interface SubmittedRun extends FinishedRun {
  /** False when an Idempotency-Key matched an earlier request: nothing new was executed. */
  created: boolean;
}

/**
 * The one way a run starts from a request: input validated, then the policies in order (the
 * organization enabled the agent, rate limit, circuit, queue availability), then executed now (sync) or queued for a worker (async).
 */
@Injectable()
export class SubmitRun {
  constructor(
    private readonly agents: AgentRegistry,
    private readonly agentIds: AgentIds,
    private readonly replay: IdempotentReplay,
    private readonly ledger: RunLedger,
    private readonly executor: RunExecutor,
    private readonly rateLimiter: RunRateLimiter,
    private readonly breakers: CircuitBreakers,
    private readonly queue: RunQueue,
    private readonly enablement: AgentEnablement,
    private readonly cls: ClsService<RequestContext>,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext(SubmitRun.name);
  }

  async submit(caller: Principal, request: RunRequest, options: SubmitOptions = {}): Promise<SubmittedRun> {
    const { idempotencyKey } = options;
    const agent = this.agents.get(request.agent);
    if (agent.definition.internal && !options.internalAllowed) throw new InternalAgentError(agent.definition.name);
    const input = options.parsedInput ?? (await this.agents.parseInput(agent, request.input));
    if (request.runAt && request.mode === 'sync') throw new ValidationFailedError(['runAt'], 'invalid request: runAt starts the run later, so it needs mode async (or no mode)');
    const mode: RunMode = request.mode === 'async' || request.runAt ? 'ASYNC' : 'SYNC';
    // Only a time still ahead delays the run; one already past starts it now.
    const runAt = request.runAt && request.runAt.getTime() > Date.now() ? request.runAt : undefined;
    const hash = idempotencyKey ? requestHash({ agent: request.agent, intent: request.intent ?? null, input: request.input ?? {}, mode, ...(request.runAt ? { runAt: request.runAt.toISOString() } : {}) }) : undefined;

    if (idempotencyKey) {
      const earlier = await this.replay.find(caller.organizationId, idempotencyKey, hash!);
      if (earlier) return { ...(await this.replay.answer(earlier, mode)), created: false };
    }
    // After the replay (an answered request answers again), before anything counts or runs.
    await this.enablement.assertEnabled(caller.organizationId, agent.definition.name);
    // A run another run starts (one send of an approved campaign, a launch's step) was admitted with
    // its parent: a 500-recipient send must not trip the submitter's per-minute limit. The providers'
    // own limits (connector guards) still pace what the children do.
    if (!options.parentRunId) await this.rateLimiter.consume(agent.definition.name, caller.userId, agent.definition.policy?.rateLimitPerMinute);
    this.breakers.assertAccepting({ organizationId: caller.organizationId, agent: agent.definition.name });
    if (mode === 'ASYNC') this.queue.assertAvailable();

    const run: NewRun = {
      organizationId: caller.organizationId,
      agentId: await this.agentIds.of(caller.organizationId, agent),
      agentName: agent.definition.name,
      userId: caller.userId,
      intent: request.intent,
      mode,
      input: redactForStorage(request.input ?? {}),
      idempotencyKey,
      requestHash: hash,
      scheduleId: options.scheduleId,
      campaignId: options.campaignId,
      parentRunId: options.parentRunId,
      runAt,
    };
    try {
      const finished = mode === 'ASYNC' ? await this.enqueue(run) : await this.executor.execute(agent, { kind: 'create', run, input });
      // Only a worker hands runs back, and a created run always begins: null here is a defect.
      if (!finished) throw new Error(`run of ${agent.definition.name} ended without a record`);
      if (SyncRunRefusedError.refuses(finished.failure)) throw new SyncRunRefusedError(finished.run.id, finished.failure);
      return { ...finished, created: true };
    } catch (error) {
      // Two requests with one Idempotency-Key raced: the loser answers with the winner's run.
      if (!(error instanceof IdempotencyKeyTakenError)) throw error;
      const winner = await this.replay.find(caller.organizationId, error.idempotencyKey, hash!);
      if (!winner) throw error;
      return { ...(await this.replay.answer(winner, mode)), created: false };
    }
  }

  private async enqueue(newRun: NewRun): Promise<FinishedRun> {
    const run = await this.ledger.insert(newRun);
    try {
      await this.queue.enqueue({ runId: run.id, agent: newRun.agentName, organizationId: run.organizationId, userId: run.userId ?? undefined, requestId: this.cls.getId() }, 0, newRun.runAt);
    } catch (error) {
      // Never leave a QUEUED run that no job will ever pick up.
      await this.ledger.finish(run.id, 'QUEUED', 'FAILED', { errorClass: 'QueueUnavailableError', errorMessage: (error as Error).message });
      throw error;
    }
    if (await this.queue.hasConsumers(newRun.agentName)) return { run, toolExecutions: [] };
    this.logger.warn({ runId: run.id, queue: this.queue.queueNameOf(newRun.agentName) }, 'async run queued while no worker consumes its queue');
    return { run, toolExecutions: [], warning: NO_WORKER_WARNING };
  }
}
