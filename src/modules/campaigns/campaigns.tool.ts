import { IsUUID } from 'class-validator';
import { validatePlain } from '../../common/validation/validate-plain';
import { ToolProvider } from '../tools/tool.decorator';
import type { ToolAction, ToolCallContext, ToolDefinition } from '../tools/tool.types';
import { CampaignNotFoundError } from './campaign-errors';
import { toCampaignView, type CampaignView } from './dto/campaign.response';
import { CampaignsRepository } from './persistence/campaigns.repository';

export class ReadCampaignInput {
  @IsUUID()
  campaignId!: string;
}

/** `campaigns.read`: a campaign of the run's organization, as a recorded step (a resumed launch works from what it read). */
@ToolProvider()
export class CampaignsTool implements ToolDefinition {
  readonly name = 'campaigns';
  readonly description = "The organization's campaigns: read one (goal, brand, persona, channels, audience, settings)";
  readonly actions: Record<string, ToolAction>;

  constructor(private readonly campaigns: CampaignsRepository) {
    this.actions = { read: { description: 'A campaign by id', input: ReadCampaignInput, execute: (input, context) => this.read(input, context) } };
  }

  private async read(raw: Record<string, unknown>, context: ToolCallContext): Promise<CampaignView> {
    const { campaignId } = await validatePlain(ReadCampaignInput, raw, 'input', 'campaigns.read input');
    const campaign = await this.campaigns.find(context.organizationId, campaignId);
    if (!campaign) throw new CampaignNotFoundError(campaignId);
    return toCampaignView(campaign);
  }
}
