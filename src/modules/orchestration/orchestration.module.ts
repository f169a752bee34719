import { DynamicModule, Module } from '@nestjs/common';
import { AgentsModule } from '../agents/agents.module';
import { PoliciesModule } from '../policies/policies.module';
import { ToolsModule } from '../tools/tools.module';
import { CancellationHub } from './cancellation-hub';
import { LeaseSweeper } from './lease-sweeper';
import { RunQueue } from './queue/run-queue';
import { RunCommitter } from './run-committer';
import { RunExecutor } from './run-executor';
import { RunsController } from './runs.controller';
import { RunsRepository } from './runs.repository';
import { RunsService } from './runs.service';
import { ToolExecutionsRepository } from './tool-executions.repository';

@Module({})
export class OrchestrationModule {
  /** `http: false` for the worker process, which serves no API. */
  static forRoot(options: { echoAgentEnabled: boolean; http?: boolean }): DynamicModule {
    const http = options.http ?? true;
    return {
      module: OrchestrationModule,
      imports: [AgentsModule.forRoot({ ...options, http }), ToolsModule, PoliciesModule],
      controllers: http ? [RunsController] : [],
      providers: [RunsRepository, ToolExecutionsRepository, RunCommitter, CancellationHub, RunQueue, RunExecutor, LeaseSweeper, RunsService],
      exports: [RunExecutor, RunsRepository, RunsService, AgentsModule],
    };
  }
}
