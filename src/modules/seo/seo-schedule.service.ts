import { Injectable } from '@nestjs/common';
import type { Owner } from '../api-keys/api-keys.service';
import type { ScheduleRecord } from '../schedules/persistence/schedules.repository';
import { SchedulesService } from '../schedules/schedules.service';
import type { SeoScheduleDto } from './dto/seo-schedule.dto';
import { BrandRefsRepository } from './persistence/brand-refs.repository';
import { SeoBrandNotFoundError } from './seo-errors';
import { SEO_AGENT } from './seo.agent';

/** Mondays at 06:00 in the schedule's time zone: the week's calendar is ready when the week starts. */
export const WEEKLY_SEO_CRON = '0 6 * * 1';
/** The schedule's purpose: what tells the organization's weekly review apart from any other seo schedule. */
export const WEEKLY_SEO_INTENT = 'weekly SEO review';

/** The organization's weekly SEO review: one schedule, kept by the schedules module. */
@Injectable()
export class SeoScheduleService {
  constructor(private readonly schedules: SchedulesService, private readonly brands: BrandRefsRepository) {}

  /** Created when absent, else the existing one as it is (its time zone and input included). */
  async ensureWeekly(caller: Owner, dto: SeoScheduleDto): Promise<{ schedule: ScheduleRecord; created: boolean }> {
    // Checked now: every run of a schedule naming another organization's brand would fail.
    if (dto.brandId && !(await this.brands.isOwn(caller.organizationId, dto.brandId))) throw new SeoBrandNotFoundError(dto.brandId);
    const input = {
      ...(dto.siteUrl !== undefined ? { siteUrl: dto.siteUrl } : {}),
      ...(dto.brandId !== undefined ? { brandId: dto.brandId } : {}),
      ...(dto.days !== undefined ? { days: dto.days } : {}),
      ...(dto.weeks !== undefined ? { weeks: dto.weeks } : {}),
    };
    return this.schedules.ensure(caller, { agent: SEO_AGENT, intent: WEEKLY_SEO_INTENT, cron: WEEKLY_SEO_CRON, timezone: dto.timezone ?? 'UTC', input, overlap: 'skip' });
  }
}
