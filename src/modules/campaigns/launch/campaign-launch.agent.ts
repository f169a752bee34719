import { IsUUID } from 'class-validator';
import { DomainError } from '../../../common/errors/domain-errors';
import { ApiProperty } from '@nestjs/swagger';
import { Agent } from '../../agents/agent.decorator';
import type { AgentHandler, AgentRunContext, RunUsageSoFar } from '../../agents/agent.types';
import type { ChildRunOutcome } from '../../agents/run-waits';
import type { CampaignView } from '../dto/campaign.response';
import { CampaignsRepository } from '../persistence/campaigns.repository';

export const CAMPAIGN_LAUNCH_AGENT = 'campaign-launch';

export class CampaignLaunchInput {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  campaignId!: string;
}

export interface LaunchStep {
  agent: string;
  runId: string;
  status: string;
  errorMessage?: string | null;
}

export interface CampaignLaunchOutput {
  campaignId: string;
  status: 'ACTIVE' | 'FAILED';
  steps: LaunchStep[];
  usage: RunUsageSoFar;
}

/**
 * A campaign's launch: content first (everything else is written from it), then each channel of
 * the campaign in turn (email, social, SMS), each step a run of its own agent linked to the
 * campaign, with that agent's approvals. The launch waits for each step released (waitForRun),
 * so a step that waits a day for a person holds nothing. A channel whose step fails or is
 * rejected does not stop the next; content failing does (there is nothing to send).
 */
@Agent({
  name: CAMPAIGN_LAUNCH_AGENT,
  kind: 'ANALYTICS',
  description: "Launches a campaign: content, then its channels (email, social, SMS), each step a run linked to the campaign",
  input: CampaignLaunchInput,
  tools: ['campaigns.read', 'runs.start'],
  starts: ['content', 'email', 'social', 'sms'],
  internal: true,
})
export class CampaignLaunchAgent implements AgentHandler<CampaignLaunchInput, CampaignLaunchOutput> {
  constructor(private readonly campaigns: CampaignsRepository) {}

  async run(input: CampaignLaunchInput, context: AgentRunContext): Promise<CampaignLaunchOutput> {
    const campaign = await context.tools.call<CampaignView>('campaigns', 'read', { campaignId: input.campaignId });
    const steps: LaunchStep[] = [];
    const step = async (agent: string, stepInput: Record<string, unknown>): Promise<ChildRunOutcome> => {
      let runId: string;
      try {
        ({ runId } = await context.tools.call<{ runId: string }>('runs', 'start', { agent, input: stepInput, intent: `campaign ${campaign.name}: ${agent}` }));
      } catch (error) {
        // A step that cannot even start (its agent not offered here, input it refuses) is that step's failure, recorded on the campaign;
        // anything else (a cancellation, the database away) is the launch's own and ends it as the engine decides.
        if (!(error instanceof DomainError)) throw error;
        const failed: ChildRunOutcome = { runId: '', status: 'FAILED', output: null, errorClass: (error as Error).name, errorMessage: (error as Error).message };
        steps.push({ agent, runId: '', status: 'FAILED', errorMessage: failed.errorMessage });
        return failed;
      }
      const outcome = await context.waitForRun(runId);
      steps.push({ agent, runId, status: outcome.status, ...(outcome.errorMessage ? { errorMessage: outcome.errorMessage } : {}) });
      return outcome;
    };
    const common = { campaignId: campaign.id, ...(campaign.brandId ? { brandId: campaign.brandId } : {}) };

    const content = await step('content', { ...common, brief: briefOf(campaign), format: campaign.settings.contentFormat ?? 'newsletter' });
    const written = content.output as { contentId?: string; title?: string } | null;
    if (content.status !== 'COMPLETED' || !written?.contentId) return this.finish(context, campaign.id, 'FAILED', steps);

    const channels = new Set(campaign.channels);
    if (channels.has('email') && campaign.audience.emails?.length) {
      await step('email', { ...common, contentId: written.contentId, recipients: campaign.audience.emails });
    }
    if (channels.has('social') && campaign.settings.networks?.length) {
      const media = campaign.settings.mediaUrl ? { mediaUrl: campaign.settings.mediaUrl } : {};
      await step('social', { ...common, contentId: written.contentId, brief: `${campaign.goal}\n\n${written.title ?? ''}`.trim(), networks: campaign.settings.networks, ...media });
    }
    if (channels.has('sms') && campaign.audience.phones?.length) {
      await step('sms', { ...common, channel: 'sms', brief: campaign.goal, recipients: campaign.audience.phones });
    }
    return this.finish(context, campaign.id, 'ACTIVE', steps);
  }

  private finish(context: AgentRunContext, campaignId: string, status: 'ACTIVE' | 'FAILED', steps: LaunchStep[]): CampaignLaunchOutput {
    context.onCommit(() => this.campaigns.setStatus(context.organizationId, campaignId, status));
    return { campaignId, status, steps, usage: context.usage() };
  }
}

/** What the content step writes from: the goal, for whom (the persona), in which format. */
function briefOf(campaign: CampaignView): string {
  return `Campaign "${campaign.name}". Goal: ${campaign.goal}`;
}
