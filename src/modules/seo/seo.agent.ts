import { randomUUID } from 'node:crypto';
import { AGENT_CONFIG_TOOL, type EffectiveAgentConfig, READ_CONFIG_ACTION } from '../agent-config/agent-config.types';
import { Agent } from '../agents/agent.decorator';
import type { AgentHandler, AgentRunContext, RunUsageSoFar } from '../agents/agent.types';
import { RUN_QUEUES } from '../agents/agent-queues';
import { NoDefaultVoiceError } from '../brands/brand-errors';
import type { VoiceGuide } from '../brands/voice-guides';
import { EditorialDraft, MAX_TITLE } from './editorial-draft.dto';
import { calendarClusters, type ClusterSummary, entryTitle, spreadDates, summarizeClusters } from './planning/editorial-calendar';
import { clusterKeywords } from './planning/keyword-clustering';
import { opportunitiesOf } from './planning/opportunity-scoring';
import type { ReportingPeriod } from './planning/reporting-period';
import { keywordStatsOf, type SearchRow } from './planning/search-rows';
import { REPORTING_PERIOD_ACTION, SEO_TOOL } from './seo.tool';
import { calendarInstructions, clusterPrompt } from './seo-prompts';
import { SiteUrlMissingError } from './seo-errors';
import { DEFAULT_DAYS, DEFAULT_WEEKS, SeoInput, SITE_URL } from './seo.input';
import { type PlannedEntry, SeoWrites } from './seo-writes';

export const SEO_AGENT = 'seo';

/** Search Console answers its top queries by clicks; the rest rarely hold an opportunity worth a week of writing. */
const ROW_LIMIT = 500;
/** At most one entry a week, and never more model calls than this in one run. */
const MAX_ENTRIES = 8;
const DEFAULT_TEMPERATURE = 0.4;
/** The output names the best clusters; every keyword's cluster is on its row. */
const CLUSTERS_SHOWN = 25;

export interface SeoOutput {
  siteUrl: string;
  period: { startDate: string; endDate: string };
  /** Keywords written (inserted or updated). */
  keywordCount: number;
  opportunityCount: number;
  clusterCount: number;
  /** The best clusters (most to win first), at most CLUSTERS_SHOWN. */
  clusters: Array<{ name: string; keywords: number; impressions: number; clicks: number; opportunity: number }>;
  /** Entries proposed, ids as they will be stored. */
  entries: Array<PlannedEntry & { cluster: string }>;
  usage: RunUsageSoFar;
}

/**
 * Reads an organization's Search Console queries, finds its opportunities (often seen, rarely
 * clicked, positions 4 to 20), clusters its keywords, and proposes an editorial calendar (one entry
 * per cluster with the most to win, spread over the coming weeks). Writes the keywords (upserted
 * by term, case-insensitively) and the PROPOSED entries when the run completes. Steps: the
 * configuration, the brand's voice (when a brand is named), the reporting period (the clock, once),
 * the Search Console query, and one model call per entry.
 */
@Agent({
  name: SEO_AGENT,
  kind: 'SEO',
  description: 'Finds Search Console opportunities (high impressions, low CTR, positions 4-20), clusters the keywords and proposes an editorial calendar; writes keywords and PROPOSED entries',
  input: SeoInput,
  tools: [`${AGENT_CONFIG_TOOL}.${READ_CONFIG_ACTION}`, 'brand.voice', `${SEO_TOOL}.${REPORTING_PERIOD_ACTION}`, 'google_search_console.query_search_analytics', 'llm.generate'],
  queue: RUN_QUEUES.seoAnalytics,
})
export class SeoAgent implements AgentHandler<SeoInput, SeoOutput> {
  constructor(private readonly writes: SeoWrites) {}

  async run(input: SeoInput, context: AgentRunContext): Promise<SeoOutput> {
    const config = await context.tools.call<EffectiveAgentConfig>(AGENT_CONFIG_TOOL, READ_CONFIG_ACTION, { agent: SEO_AGENT });
    const siteUrl = input.siteUrl ?? configuredSiteUrl(config);
    const brandId = input.brandId ?? config.brandId;
    const voice = brandId ? await voiceOf(context, brandId) : null;
    const period = await context.tools.call<ReportingPeriod>(SEO_TOOL, REPORTING_PERIOD_ACTION, { days: input.days ?? DEFAULT_DAYS });
    const { rows } = await context.tools.call<{ rows?: SearchRow[] }>('google_search_console', 'query_search_analytics', {
      siteUrl,
      startDate: period.startDate,
      endDate: period.endDate,
      dimensions: ['query'],
      rowLimit: ROW_LIMIT,
    });

    const stats = keywordStatsOf(rows ?? []);
    const opportunities = opportunitiesOf(stats);
    const clusters = summarizeClusters(clusterKeywords(stats), stats, opportunities);
    const weeks = input.weeks ?? DEFAULT_WEEKS;
    const planned = calendarClusters(clusters, Math.min(weeks, MAX_ENTRIES));
    const dates = spreadDates(period.asOf.slice(0, 10), weeks, planned.length);

    const system = calendarInstructions(voice, config.promptHints);
    const entries: SeoOutput['entries'] = [];
    for (const [i, cluster] of planned.entries()) {
      const { object } = await context.model.generateObject(EditorialDraft, {
        system,
        prompt: clusterPrompt(siteUrl, cluster, dates[i]),
        temperature: config.temperature ?? DEFAULT_TEMPERATURE,
        maxOutputTokens: 700,
      });
      entries.push({ id: randomUUID(), ...tidy(object, cluster.lead.term), plannedFor: dates[i], cluster: cluster.name, keyword: cluster.lead.term });
    }

    const clusterOf = new Map(clusters.flatMap((c) => c.keywords.map((k) => [k.term, c.name] as const)));
    const measured = stats.map((s) => ({ ...s, cluster: clusterOf.get(s.term) ?? s.term }));
    context.onCommit(() => this.writes.save(context.organizationId, context.runId, brandId, measured, entries));
    return {
      siteUrl,
      period: { startDate: period.startDate, endDate: period.endDate },
      keywordCount: measured.length,
      opportunityCount: opportunities.length,
      clusterCount: clusters.length,
      clusters: clusters.slice(0, CLUSTERS_SHOWN).map(describeCluster),
      entries,
      usage: context.usage(),
    };
  }
}

/**
 * The brand's voice guides the briefs; it also proves the brand is the organization's (another's
 * fails the run as not found). A brand without a voice still gets its calendar, in no voice.
 */
async function voiceOf(context: AgentRunContext, brandId: string): Promise<VoiceGuide | null> {
  try {
    return await context.tools.call<VoiceGuide>('brand', 'voice', { brandId });
  } catch (error) {
    if (error instanceof NoDefaultVoiceError) return null;
    throw error;
  }
}

/** settings.siteUrl, when it is a Search Console property. */
function configuredSiteUrl(config: EffectiveAgentConfig): string {
  const configured = config.settings.siteUrl;
  if (typeof configured !== 'string' || !SITE_URL.test(configured)) throw new SiteUrlMissingError();
  return configured;
}

/** The model's words as the calendar stores them: whitespace collapsed, the title naming its keyword. */
function tidy(draft: EditorialDraft, keyword: string): Pick<PlannedEntry, 'title' | 'brief' | 'format' | 'channel'> {
  return { title: entryTitle(draft.title, keyword, MAX_TITLE), brief: draft.brief.replace(/\s+/g, ' ').trim(), format: draft.format, channel: draft.channel };
}

function describeCluster(c: ClusterSummary): SeoOutput['clusters'][number] {
  return { name: c.name, keywords: c.keywords.length, impressions: c.impressions, clicks: c.clicks, opportunity: c.opportunity };
}
