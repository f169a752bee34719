import { DynamicModule, Module, Provider } from '@nestjs/common';
import { InsightsController } from './insights.controller';
import { InsightsService } from './insights.service';
import { InsightsRepository } from './persistence/insights.repository';
import { TrendsAgent } from './trends.agent';

/** What runs the agent, in whichever process runs it. */
const AGENT_PROVIDERS: Provider[] = [TrendsAgent, InsightsRepository];

/** Trends: the trends agent and the insights it keeps. A plug-in: the agent registry finds the agent by its decorator. */
@Module({})
export class TrendsModule {
  static forRoot(): DynamicModule {
    return { module: TrendsModule, controllers: [InsightsController], providers: [...AGENT_PROVIDERS, InsightsService] };
  }

  static forWorker(): DynamicModule {
    return { module: TrendsModule, providers: AGENT_PROVIDERS };
  }
}
