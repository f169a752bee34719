import { DynamicModule, Module, Provider } from '@nestjs/common';
import { AgentConfigModule } from '../agent-config/agent-config.module';
import { AgentsController } from '../agents/agents.controller';
import { AgentsModule } from '../agents/agents.module';
import { AuditModule } from '../audit/audit.module';
import { PoliciesModule } from '../policies/policies.module';
import { ToolsModule } from '../tools/tools.module';
import { AgentIds } from './agent-ids';
import { AgentToolsCheck } from './agent-tools-check';
import { CancelRun } from './cancel-run';
import { ParentWake } from './children/parent-wake';
import { RunsTool } from './children/runs.tool';
import { CancellationHub } from './cancellation-hub';
import { RunEventFeed } from './events/run-event-feed';
import { RunEventStreams } from './events/run-event-streams';
import { RunEvents } from './events/run-events';
import { RunEventsController } from './events/run-events.controller';
import { IdempotentReplay } from './idempotent-replay';
import { LeaseSweeper } from './lease-sweeper';
import { RunCompletionRepository } from './persistence/run-completion.repository';
import { RunLedger } from './persistence/run-ledger';
import { RunReads } from './persistence/run-reads';
import { StepLog } from './persistence/step-log';
import { OrganizationSlotGate } from './queue/organization-slot-gate';
import { ParkedRuns } from './queue/parked-runs';
import { RUN_QUEUE_PROCESSORS } from './queue/run-queue-processors';
import { runQueueSetProvider } from './queue/run-queues.provider';
import { RunQueue } from './queue/run-queue';
import { registerRunQueue } from './queue/run-queue.registration';
import { RunCommitter } from './run-committer';
import { RunExecutor } from './run-executor';
import { RunHandBack } from './run-hand-back';
import { RunQueries } from './run-queries';
import { RunsController } from './runs.controller';
import { SubmitRun } from './submit-run';
import { ApprovalsController } from './waits/approvals.controller';
import { DecideApproval } from './waits/decide-approval';
import { RunApprovals } from './waits/run-approvals';

/** What a process consuming the run queues adds: a processor per queue, and the organization slots it executes runs under. */
const CONSUMER: Provider[] = [...RUN_QUEUE_PROCESSORS, OrganizationSlotGate, ParkedRuns];

/** The engine's parts every process has: records, execution, the queue's producer, the sweeper. */
const ENGINE: Provider[] = [
  AgentToolsCheck,
  RunEvents,
  RunLedger,
  RunReads,
  StepLog,
  RunCompletionRepository,
  RunCommitter,
  CancellationHub,
  runQueueSetProvider,
  RunQueue,
  RunExecutor,
  LeaseSweeper,
  AgentIds,
  IdempotentReplay,
  SubmitRun,
  RunQueries,
  CancelRun,
  RunHandBack,
  RunApprovals,
  DecideApproval,
  RunsTool,
  ParentWake,
];

/**
 * The run engine, parent of the plug-ins: agents and tools register into its sockets (AgentsModule,
 * ToolsModule) and it imports none of them. It asks AgentConfigModule whether the organization
 * enabled an agent before a run of it exists (that module never imports the engine). It exports services only; its records (ledger, step
 * log) stay inside. Each process role gets one instance, however many modules import it.
 */
export interface OrchestrationOptions {
  /**
   * The API process also consumes agent.run: on the embedded database, which admits one process,
   * so that async runs work with the one command a newcomer runs (README, "Two commands").
   */
  consumeQueue?: boolean;
}

type Role = 'api' | 'api+consumer' | 'worker';

@Module({})
export class OrchestrationModule {
  private static readonly built = new Map<Role, DynamicModule>();

  /** The API process: the runs and agents endpoints and the queue's producer (and consumer, if asked). */
  static forRoot(options: OrchestrationOptions = {}): DynamicModule {
    const consumer = options.consumeQueue ? CONSUMER : [];
    return OrchestrationModule.once(options.consumeQueue ? 'api+consumer' : 'api', () => ({
      module: OrchestrationModule,
      // A consuming process needs the queue on connections of its own (the consumer's blocking ones).
      imports: [AgentsModule, AuditModule, ToolsModule, PoliciesModule, AgentConfigModule.forRoot(), registerRunQueue(options.consumeQueue ? 'worker' : 'api')],
      controllers: [RunsController, RunEventsController, AgentsController, ApprovalsController],
      providers: [...ENGINE, ...consumer, RunEventFeed, RunEventStreams],
      exports: [SubmitRun, RunQueries, CancelRun, RunEvents],
    }));
  }

  /** The worker process: no API; the agent.run consumer and the hand-back at shutdown. */
  static forWorker(): DynamicModule {
    return OrchestrationModule.once('worker', () => ({
      module: OrchestrationModule,
      imports: [AgentsModule, AuditModule, ToolsModule, PoliciesModule, AgentConfigModule.forWorker(), registerRunQueue('worker')],
      providers: [...ENGINE, ...CONSUMER],
      exports: [SubmitRun, RunQueries, CancelRun, RunEvents],
    }));
  }

  // Nest tells dynamic modules apart by reference: a second build would be a second engine.
  private static once(role: Role, build: () => DynamicModule): DynamicModule {
    let module = OrchestrationModule.built.get(role);
    if (!module) OrchestrationModule.built.set(role, (module = build()));
    return module;
  }
}
