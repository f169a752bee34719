import { DynamicModule, Module, Provider } from '@nestjs/common';
import { SocialAgent } from './compose/social.agent';
import { EditSocialPost } from './edit-social-post';
import { SocialMetricsRepository } from './persistence/social-metrics.repository';
import { SocialPostOutcomesRepository } from './persistence/social-post-outcomes.repository';
import { SocialPostsRepository } from './persistence/social-posts.repository';
import { SocialPublishAgent } from './publish/social-publish.agent';
import { SocialPostQueries } from './social-post-queries';
import { SocialPostsController } from './social-posts.controller';
import { SocialPostsTool } from './social-posts.tool';
import { SocialSyncAgent } from './sync/social-sync.agent';
import { SocialSyncSchedule } from './sync/sync-schedule';

/** What runs the social agents, in whichever process executes their runs: the three agents, their tool and their writes. */
const AGENTS: Provider[] = [SocialPostsRepository, SocialPostOutcomesRepository, SocialMetricsRepository, SocialPostsTool, SocialAgent, SocialPublishAgent, SocialSyncAgent];

/**
 * Social posts: the social agent composes and, once approved, hands each post to a social-publish
 * run; social-sync reads their metrics back. A plug-in of the engine (agents and a tool found by
 * their decorators); the engine knows nothing of it.
 */
@Module({})
export class SocialModule {
  /** The API process: /v1/social-posts, and the agents for the runs it executes itself. `schedules`: the app's own schedules module, for the sync's schedule. */
  static forRoot(schedules: DynamicModule): DynamicModule {
    return {
      module: SocialModule,
      imports: [schedules],
      controllers: [SocialPostsController],
      providers: [...AGENTS, SocialPostQueries, EditSocialPost, SocialSyncSchedule],
    };
  }

  static forWorker(): DynamicModule {
    return { module: SocialModule, providers: AGENTS };
  }
}
