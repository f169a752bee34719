import { DynamicModule, Module, Provider } from '@nestjs/common';
import { EditorialEntriesController } from './editorial-entries.controller';
import { EditorialEntriesService } from './editorial-entries.service';
import { KeywordsController } from './keywords.controller';
import { KeywordsService } from './keywords.service';
import { BrandRefsRepository } from './persistence/brand-refs.repository';
import { EditorialEntriesRepository } from './persistence/editorial-entries.repository';
import { KeywordsRepository } from './persistence/keywords.repository';
import { SeoAgent } from './seo.agent';
import { SeoTool } from './seo.tool';
import { SeoScheduleController } from './seo-schedule.controller';
import { SeoScheduleService } from './seo-schedule.service';
import { SeoWrites } from './seo-writes';

/** What runs the agent, in whichever process runs it: the agent, its clock tool and the writes it commits. */
const AGENT_PROVIDERS: Provider[] = [SeoAgent, SeoTool, SeoWrites, KeywordsRepository, EditorialEntriesRepository];

/**
 * SEO: the seo agent (Search Console opportunities, keyword clusters, a proposed editorial
 * calendar), the keywords and the calendar people review, and the organization's weekly review
 * schedule. A plug-in: the agent and tool registries find its agent and tool by their decorators.
 */
@Module({})
export class SeoModule {
  /** The API process. `schedules`: the app's own SchedulesModule object, whose service keeps the weekly schedule. */
  static forRoot(schedules: DynamicModule): DynamicModule {
    return {
      module: SeoModule,
      imports: [schedules],
      controllers: [KeywordsController, EditorialEntriesController, SeoScheduleController],
      providers: [...AGENT_PROVIDERS, BrandRefsRepository, KeywordsService, EditorialEntriesService, SeoScheduleService],
    };
  }

  /** The worker process: the agent only. */
  static forWorker(): DynamicModule {
    return { module: SeoModule, providers: AGENT_PROVIDERS };
  }
}
