import { Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import type { Principal } from '../api-keys/api-keys.service';
import { SubmitRun } from '../orchestration/submit-run';
import { CampaignNotEditableError, CampaignNotFoundError, CampaignNotLaunchableError, CampaignReferenceNotFoundError } from './campaign-errors';
import type { CreateCampaignDto, UpdateCampaignDto } from './dto/campaign-request.dto';
import { CAMPAIGN_LAUNCH_AGENT } from './launch/campaign-launch.agent';
import { type CampaignFields, type CampaignRecord, CampaignsRepository } from './persistence/campaigns.repository';

/** Creating, editing and launching campaigns. A launch is one run (campaign-launch) whose steps are runs of their own. */
@Injectable()
export class CampaignsService {
  constructor(private readonly campaigns: CampaignsRepository, private readonly submission: SubmitRun) {}

  async create(caller: Principal, dto: CreateCampaignDto): Promise<CampaignRecord> {
    await this.checkReferences(caller.organizationId, dto);
    return this.campaigns.create(caller, fieldsOf(dto));
  }

  @Transactional()
  async update(organizationId: string, id: string, dto: UpdateCampaignDto): Promise<CampaignRecord> {
    const current = await this.campaigns.find(organizationId, id);
    if (!current) throw new CampaignNotFoundError(id);
    await this.checkReferences(organizationId, dto);
    const { audience, settings, ...rest } = dto;
    const fields: Partial<CampaignFields> = { ...rest, ...(audience ? { audience: definedOnly(audience) } : {}), ...(settings ? { settings: { ...current.settings, ...definedOnly(settings) } } : {}) };
    const updated = await this.campaigns.updateDraft(organizationId, id, fields);
    if (!updated) throw new CampaignNotEditableError(id, current.status);
    return updated;
  }

  /**
   * Marks the campaign LAUNCHING (one of two launches at once wins; the other is 409) and starts
   * its launch run; a launch that could not be queued leaves the campaign FAILED, launchable again.
   */
  async launch(caller: Principal, id: string): Promise<{ campaign: CampaignRecord; runId: string }> {
    const current = await this.campaigns.find(caller.organizationId, id);
    if (!current) throw new CampaignNotFoundError(id);
    const launching = await this.campaigns.markLaunching(caller.organizationId, id, CAMPAIGN_LAUNCH_AGENT);
    if (!launching) throw new CampaignNotLaunchableError(id, current.status);
    try {
      const { run } = await this.submission.submit(
        caller,
        { agent: CAMPAIGN_LAUNCH_AGENT, mode: 'async', input: { campaignId: id }, intent: `launch campaign ${launching.name}` },
        { idempotencyKey: `campaign-launch:${id}:${launching.launchedAt!.toISOString()}`, campaignId: id, internalAllowed: true },
      );
      return { campaign: launching, runId: run.id };
    } catch (error) {
      await this.campaigns.setStatus(caller.organizationId, id, 'FAILED');
      throw error;
    }
  }

  private async checkReferences(organizationId: string, dto: { brandId?: string; personaId?: string }): Promise<void> {
    if (dto.brandId && !(await this.campaigns.brandExists(organizationId, dto.brandId))) throw new CampaignReferenceNotFoundError('brand', dto.brandId);
    if (dto.personaId && !(await this.campaigns.personaExists(organizationId, dto.personaId))) throw new CampaignReferenceNotFoundError('persona', dto.personaId);
  }
}

/** A DTO's fields that were sent (the transformer leaves unsent optional ones as undefined properties). */
function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function fieldsOf(dto: CreateCampaignDto): CampaignFields {
  return {
    name: dto.name,
    goal: dto.goal,
    brandId: dto.brandId ?? null,
    personaId: dto.personaId ?? null,
    channels: dto.channels,
    audience: definedOnly(dto.audience ?? {}),
    settings: definedOnly(dto.settings ?? {}),
  };
}
