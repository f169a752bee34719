import { DynamicModule, Module } from '@nestjs/common';
import { CampaignQueries } from './campaign-queries';
import { CampaignsController } from './campaigns.controller';
import { CampaignsService } from './campaigns.service';
import { CampaignsTool } from './campaigns.tool';
import { CampaignLaunchAgent } from './launch/campaign-launch.agent';
import { CampaignActivityReads } from './persistence/campaign-activity';
import { CampaignsRepository } from './persistence/campaigns.repository';

/** What runs a launch in any process that executes runs: the launch agent and the campaigns tool. */
const RUNNING = [CampaignsRepository, CampaignsTool, CampaignLaunchAgent];

/**
 * Campaigns: a plug-in of the engine (its launch is an agent, its steps are runs); it imports the
 * engine to submit the launch, the engine never imports it.
 */
@Module({})
export class CampaignsModule {
  /** `engine`: the app's own run engine module (Nest tells dynamic modules apart by reference). */
  static forRoot(engine: DynamicModule): DynamicModule {
    return {
      module: CampaignsModule,
      imports: [engine],
      controllers: [CampaignsController],
      providers: [...RUNNING, CampaignActivityReads, CampaignQueries, CampaignsService],
    };
  }

  static forWorker(): DynamicModule {
    return { module: CampaignsModule, providers: RUNNING };
  }
}
