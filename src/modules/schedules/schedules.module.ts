import { DynamicModule, Module, Provider } from '@nestjs/common';
import { AgentsModule } from '../agents/agents.module';
import { AuditModule } from '../audit/audit.module';
import { OrchestrationModule } from '../orchestration/orchestration.module';
import { ScheduleRowLock } from './persistence/schedule-row-lock';
import { ScheduleTicks } from './persistence/schedule-ticks';
import { SchedulesRepository } from './persistence/schedules.repository';
import { registerScheduleQueue } from './queue/schedule-queue.registration';
import { ScheduleTickProcessor } from './queue/schedule-tick.processor';
import { ScheduleTriggers } from './queue/schedule-triggers';
import { RunScheduleTick } from './run-schedule-tick';
import { ScheduleQueries } from './schedule-queries';
import { ScheduleReconciler } from './schedule-reconciler';
import { ScheduleTriggerSync } from './schedule-trigger-sync';
import { SchedulesController } from './schedules.controller';
import { SchedulesService } from './schedules.service';

/** What every process has: the schedules' rows and ticks, and their job schedulers. */
const CORE: Provider[] = [SchedulesRepository, ScheduleTicks, ScheduleRowLock, ScheduleTriggers, ScheduleTriggerSync];

/** A process that consumes schedules.tick: the tick's work, its processor, and the reconcile at boot. */
const CONSUMER: Provider[] = [RunScheduleTick, ScheduleTickProcessor, ScheduleReconciler];

export interface SchedulesOptions {
  /** The API also consumes schedules.tick: on the embedded database, where it is the only process (see OrchestrationModule). */
  consumeQueue?: boolean;
}

/**
 * Schedules: an agent run at each fire time of a cron in a time zone, on BullMQ job schedulers
 * (schedules.tick), submitted through the engine's SubmitRun. A client of the engine: the engine
 * knows nothing of it.
 */
@Module({})
export class SchedulesModule {
  /** `engine`: the app's own run engine module (Nest tells dynamic modules apart by reference). */
  static forRoot(engine: DynamicModule, options: SchedulesOptions = {}): DynamicModule {
    return {
      module: SchedulesModule,
      imports: [engine, AgentsModule, AuditModule, registerScheduleQueue(options.consumeQueue ? 'worker' : 'api')],
      controllers: [SchedulesController],
      providers: [...CORE, SchedulesService, ScheduleQueries, ...(options.consumeQueue ? CONSUMER : [])],
      // For features that keep a schedule of their own agent (the weekly SEO review, the learning tune, the social metrics sync): they import this very module object.
      exports: [SchedulesService, ScheduleQueries],
    };
  }

  static forWorker(): DynamicModule {
    return {
      module: SchedulesModule,
      imports: [OrchestrationModule.forWorker(), AgentsModule, registerScheduleQueue('worker')],
      providers: [...CORE, ...CONSUMER],
    };
  }
}
