import { Inject, Injectable } from '@nestjs/common';
import { setTimeout as delay } from 'node:timers/promises';
import { ClsService } from 'nestjs-cls';
import { ConflictError, NotFoundError, UnprocessableError } from '../../common/errors/domain-errors';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app-config';
import type { RequestContext } from '../../infra/cls/request-context';
import { redactForStorage } from '../../infra/logging/redaction';
import type { Principal } from '../api-keys/api-keys.service';
import { AgentRegistry, RegisteredAgent } from '../agents/agent-registry';
import { CancellationHub } from './cancellation-hub';
import { CreateRunDto } from './dto/create-run.dto';
import { ListRunsQuery } from './dto/list-runs.query';
import { IDEMPOTENCY_WINDOW_MS, requestHash } from './idempotency';
import { CircuitBreakers } from '../policies/circuit-breakers';
import { RunRateLimiter } from '../policies/run-rate-limiter';
import { RunQueue } from './queue/run-queue';
import { toJson } from './recording-tool-proxy';
import { decodeCursor, encodeCursor } from './run-cursor';
import { RunExecutor } from './run-executor';
import { FINAL_STATUSES, NewRun, RunRecord, RunsRepository } from './runs.repository';
import { ToolExecutionsRepository } from './tool-executions.repository';

export interface SubmittedRun {
  run: RunRecord;
  /** False when an Idempotency-Key matched an earlier request: nothing new was executed. */
  created: boolean;
}

@Injectable()
export class RunsService {
  private readonly agentIds = new Map<string, string>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly agents: AgentRegistry,
    private readonly runs: RunsRepository,
    private readonly toolLog: ToolExecutionsRepository,
    private readonly executor: RunExecutor,
    private readonly rateLimiter: RunRateLimiter,
    private readonly breakers: CircuitBreakers,
    private readonly queue: RunQueue,
    private readonly cancellations: CancellationHub,
    private readonly cls: ClsService<RequestContext>,
  ) {}

  async submit(caller: Principal, dto: CreateRunDto, idempotencyKey?: string): Promise<SubmittedRun> {
    const agent = this.agents.get(dto.agent);
    const input = await this.agents.parseInput(agent, dto.input);
    const mode = dto.mode === 'async' ? 'ASYNC' : 'SYNC';
    const hash = idempotencyKey ? requestHash({ agent: dto.agent, intent: dto.intent ?? null, input: dto.input ?? {}, mode }) : undefined;

    if (idempotencyKey) {
      const earlier = await this.findReplay(caller.organizationId, idempotencyKey, hash!);
      if (earlier) return { run: await this.settled(earlier, mode), created: false };
    }
    await this.rateLimiter.consume(agent.definition.name, caller.userId, agent.definition.policy?.rateLimitPerMinute);
    this.breakers.assertAccepting(agent.definition.name);
    if (mode === 'ASYNC') this.queue.assertAvailable();

    const newRun: NewRun = {
      organizationId: caller.organizationId,
      agentId: await this.agentId(caller.organizationId, agent),
      userId: caller.userId,
      intent: dto.intent,
      mode,
      input: toJson(redactForStorage(dto.input ?? {})),
      idempotencyKey,
      requestHash: hash,
    };
    try {
      const run = mode === 'ASYNC' ? await this.enqueueNew(newRun, agent.definition.name) : await this.runNow(agent, input, newRun);
      return { run, created: true };
    } catch (error) {
      // Two requests with one Idempotency-Key raced: the loser answers with the winner's run.
      if (idempotencyKey && isUniqueViolation(error)) {
        const winner = await this.findReplay(caller.organizationId, idempotencyKey, hash!);
        if (winner) return { run: await this.settled(winner, mode), created: false };
      }
      throw error;
    }
  }

  async get(organizationId: string, id: string) {
    const run = await this.runs.find(id, organizationId);
    if (!run) throw new NotFoundError('run', id);
    return { run, toolExecutions: await this.toolLog.listForRun(id) };
  }

  toolExecutions(runId: string) {
    return this.toolLog.listForRun(runId);
  }

  async list(organizationId: string, query: ListRunsQuery): Promise<{ items: RunRecord[]; nextCursor: string | null }> {
    const limit = query.limit ?? 20;
    const rows = await this.runs.list({
      organizationId,
      agent: query.agent,
      status: query.status,
      since: query.since,
      until: query.until,
      after: query.cursor ? decodeCursor(query.cursor) : undefined,
      limit: limit + 1,
    });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
  }

  /** QUEUED ends CANCELLED at once; RUNNING is told to stop (its process ends it CANCELLED); finished is 409. */
  async cancel(organizationId: string, id: string): Promise<RunRecord> {
    const run = await this.runs.find(id, organizationId);
    if (!run) throw new NotFoundError('run', id);
    if (run.status === 'QUEUED' && (await this.runs.finish(id, 'QUEUED', 'CANCELLED', { errorClass: 'CancelledError', errorMessage: 'cancelled before it started' }))) {
      return (await this.runs.find(id))!;
    }
    const current = run.status === 'QUEUED' ? (await this.runs.find(id))! : run;
    if (FINAL_STATUSES.includes(current.status)) throw new ConflictError(`run ${id} already finished with status ${current.status}`);
    await this.runs.requestCancel(id);
    await this.cancellations.broadcast(id);
    return (await this.runs.find(id))!;
  }

  private async runNow(agent: RegisteredAgent, input: object, newRun: NewRun): Promise<RunRecord> {
    const leaseMs = this.config.runs.leaseMs;
    const begun = await this.executor.execute(agent, input, () => this.runs.create(newRun, agent.definition.name, { owner: this.executor.owner, leaseMs }));
    return (await this.runs.find(begun!.id))!;
  }

  private async enqueueNew(newRun: NewRun, agentName: string): Promise<RunRecord> {
    const run = await this.runs.create(newRun, agentName);
    try {
      await this.queue.enqueue({ runId: run.id, organizationId: run.organizationId, userId: run.userId ?? undefined, requestId: this.cls.getId() }, 0);
    } catch (error) {
      // Never leave a QUEUED run that no job will ever pick up.
      await this.runs.finish(run.id, 'QUEUED', 'FAILED', { errorClass: 'QueueUnavailableError', errorMessage: (error as Error).message });
      throw error;
    }
    return run;
  }


  /** Agent rows are never renamed or removed while their organization lives, so ids are cached per process. */
  private async agentId(organizationId: string, agent: RegisteredAgent): Promise<string> {
    const key = `${organizationId}:${agent.definition.name}`;
    let id = this.agentIds.get(key);
    if (!id) {
      id = await this.runs.ensureAgent(organizationId, agent.definition.name, agent.definition.kind, agent.definition.description);
      this.agentIds.set(key, id);
    }
    return id;
  }

  private async findReplay(organizationId: string, key: string, hash: string): Promise<RunRecord | null> {
    const earlier = await this.runs.findByIdempotencyKey(organizationId, key);
    if (!earlier) return null;
    if (Date.now() - earlier.createdAt.getTime() > IDEMPOTENCY_WINDOW_MS) {
      await this.runs.releaseIdempotencyKey(earlier.id);
      return null;
    }
    if (earlier.requestHash !== hash) throw new UnprocessableError(`Idempotency-Key ${key} was already used with a different request body`);
    return earlier;
  }

  /** A sync replay answers like the original: with the run once it has finished (bounded by its timeout). */
  private async settled(run: RunRecord, mode: 'SYNC' | 'ASYNC'): Promise<RunRecord> {
    if (mode === 'ASYNC') return run;
    const deadline = Date.now() + this.config.runs.timeoutMs + 5_000;
    let current = run;
    while (!FINAL_STATUSES.includes(current.status) && Date.now() < deadline) {
      await delay(25);
      current = (await this.runs.find(run.id)) ?? current;
    }
    return current;
  }
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}
