import type { PrismaClient } from '../../../generated/prisma/client';
import { DEMO_BRAND_NAME } from './seed-brand';

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

export const DEMO_CAMPAIGN_NAME = 'Spring single origins';
/** The intent the SEO module's own weekly schedule carries (seo-schedule.service.ts), so POST /v1/seo/schedule finds this one. */
const DEMO_SEO_INTENT = 'weekly SEO review';

/** Search terms the demo brand targets, as Search Console would report them (the SEO agent refreshes them). */
const DEMO_KEYWORDS = [
  { term: 'single origin coffee beans', cluster: 'single origin', intent: 'commercial', impressions: 4_820, clicks: 96, position: 8.4 },
  { term: 'huila colombia coffee', cluster: 'single origin', intent: 'informational', impressions: 1_310, clicks: 41, position: 6.1 },
  { term: 'cold brew coffee recipe', cluster: 'cold brew', intent: 'informational', impressions: 9_640, clicks: 118, position: 11.7 },
  { term: 'best beans for cold brew', cluster: 'cold brew', intent: 'commercial', impressions: 2_150, clicks: 37, position: 9.2 },
  { term: 'coffee subscription for office', cluster: 'office coffee', intent: 'transactional', impressions: 1_720, clicks: 22, position: 14.3 },
  { term: 'pour over ratio', cluster: 'brewing guides', intent: 'informational', impressions: 12_400, clicks: 260, position: 5.6 },
];

const DEMO_EDITORIAL = [
  { title: 'Huila, from the farm to your cup', keyword: 'huila colombia coffee', format: 'blog_post', channel: 'blog', inDays: 7 },
  { title: 'The cold brew guide for summer', keyword: 'cold brew coffee recipe', format: 'blog_post', channel: 'blog', inDays: 14 },
  { title: 'Office coffee that the team actually likes', keyword: 'coffee subscription for office', format: 'landing_page', channel: 'web', inDays: 21 },
  { title: 'Spring releases newsletter', keyword: 'single origin coffee beans', format: 'newsletter', channel: 'email', inDays: 28 },
];

const DEMO_LEADS = [
  { email: 'ana.home-brewer@example.com', phone: '+12025550143', name: 'Ana', timezone: 'America/Los_Angeles', persona: 'Weekend home brewer' },
  { email: 'marc.office@example.com', phone: '+442079460958', name: 'Marc', timezone: 'Europe/London', persona: 'Office manager' },
  { email: 'kim.regular@example.com', phone: '+61291234567', name: 'Kim', timezone: 'Australia/Sydney', persona: 'Cafe regular' },
];

/**
 * What lets every marketing agent be tried right after `npm start`: a draft campaign for the demo
 * brand (email and social, to the demo leads), keywords with their figures, an editorial calendar
 * and leads in three time zones (quiet hours differ). Idempotent on natural keys: rows that exist,
 * edited or not, are left as they are.
 */
export async function seedMarketing(tx: Tx, organizationId: string, userId: string, today = new Date()): Promise<void> {
  const brand = await tx.brand.findUniqueOrThrow({ where: { organizationId_name: { organizationId, name: DEMO_BRAND_NAME } }, select: { id: true } });
  const personas = new Map((await tx.persona.findMany({ where: { brandId: brand.id }, select: { id: true, name: true } })).map((p) => [p.name, p.id]));

  for (const lead of DEMO_LEADS) {
    const { persona, ...fields } = lead;
    await tx.marketingLead.upsert({
      where: { organizationId_email: { organizationId, email: lead.email } },
      create: { organizationId, ...fields, personaId: personas.get(persona) ?? null, status: 'ENGAGED' },
      update: {},
    });
  }

  const keywordIds = new Map<string, string>();
  for (const { term, ...figures } of DEMO_KEYWORDS) {
    const ctr = figures.impressions ? figures.clicks / figures.impressions : 0;
    const row = await tx.keyword.upsert({
      where: { organizationId_term: { organizationId, term } },
      create: { organizationId, brandId: brand.id, term, ...figures, ctr, source: 'seed' },
      update: {},
      select: { id: true },
    });
    keywordIds.set(term, row.id);
  }

  if ((await tx.editorialEntry.count({ where: { organizationId } })) === 0) {
    await tx.editorialEntry.createMany({
      data: DEMO_EDITORIAL.map((entry) => ({
        organizationId,
        brandId: brand.id,
        keywordId: keywordIds.get(entry.keyword) ?? null,
        title: entry.title,
        format: entry.format,
        channel: entry.channel,
        plannedFor: new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + entry.inDays)),
        status: 'PLANNED' as const,
      })),
    });
  }

  // The weekly SEO review (as POST /v1/seo/schedule makes it); a worker creates its job scheduler when it boots.
  if ((await tx.schedule.count({ where: { organizationId, agentName: 'seo', intent: DEMO_SEO_INTENT } })) === 0) {
    await tx.schedule.create({
      data: { organizationId, userId, agentName: 'seo', intent: DEMO_SEO_INTENT, cron: '0 6 * * 1', timezone: 'UTC', overlap: 'SKIP', input: { siteUrl: 'sc-domain:northwind.example', brandId: brand.id } },
    });
  }

  if ((await tx.campaign.count({ where: { organizationId, name: DEMO_CAMPAIGN_NAME } })) === 0) {
    await tx.campaign.create({
      data: {
        organizationId,
        brandId: brand.id,
        personaId: personas.get('Weekend home brewer') ?? null,
        name: DEMO_CAMPAIGN_NAME,
        goal: 'Sell out the spring single-origin release (Huila and Yirgacheffe) to subscribers within two weeks',
        channels: ['email', 'social'],
        audience: { emails: DEMO_LEADS.map((lead) => lead.email) },
        settings: { contentFormat: 'newsletter', networks: ['x', 'linkedin'] },
      },
    });
  }
}
