import { DynamicModule, Module, Provider } from '@nestjs/common';
import { AgentConfigModule } from '../agent-config/agent-config.module';
import { AgentsModule } from '../agents/agents.module';
import { AudienceModule } from '../audience/audience.module';
import { LearningAgent } from './learning.agent';
import { LearningTool } from './learning.tool';
import { CampaignMetricsController } from './metrics/campaign-metrics.controller';
import { CampaignMetricsService } from './metrics/campaign-metrics.service';
import { CampaignMetricsRepository } from './persistence/campaign-metrics.repository';
import { OutcomesRepository } from './persistence/outcomes.repository';
import { LearningScheduleController } from './schedule/learning-schedule.controller';
import { LearningScheduleService } from './schedule/learning-schedule.service';

/** What runs the agent, in whichever process runs it: the agent and the outcomes it reads. */
const AGENT_PROVIDERS: Provider[] = [LearningAgent, LearningTool, OutcomesRepository];

/**
 * Learning: outcomes reported in (POST /v1/campaign-metrics), the learning agent that tunes the
 * channel agents' configuration on them, and the organization's weekly tuning schedule. A
 * plug-in: the registries find its agent and tool by their decorators.
 */
@Module({})
export class LearningModule {
  /** The API process. `schedules`: the app's own SchedulesModule object, whose service keeps the weekly schedule. */
  static forRoot(schedules: DynamicModule): DynamicModule {
    return {
      module: LearningModule,
      imports: [schedules, AgentsModule, AudienceModule, AgentConfigModule.forRoot()],
      controllers: [CampaignMetricsController, LearningScheduleController],
      providers: [...AGENT_PROVIDERS, CampaignMetricsRepository, CampaignMetricsService, LearningScheduleService],
    };
  }

  /** The worker process: the agent only. */
  static forWorker(): DynamicModule {
    return { module: LearningModule, imports: [AgentsModule, AgentConfigModule.forWorker()], providers: AGENT_PROVIDERS };
  }
}
