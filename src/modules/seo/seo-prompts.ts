import type { VoiceGuide } from '../brands/voice-guides';
import type { ClusterSummary } from './planning/editorial-calendar';
import type { KeywordStat } from './planning/search-rows';

const MAX_KEYWORDS_SHOWN = 15;

/** What the model is told once per run: the task, the brand it writes for, the organization's hints. */
export function calendarInstructions(voice: VoiceGuide | null, promptHints: readonly string[]): string {
  const lines = [
    'You plan an editorial calendar from Google Search Console data.',
    'For the keyword cluster given, propose one piece of content that would win the clicks the cluster is missing:',
    'its queries are seen often but clicked rarely, ranking between positions 4 and 20.',
    'Give a specific working title that contains the lead keyword, a brief for the writer (the search intent to answer,',
    'what to cover, which of the keywords to use), the best format, and the channel it is published on.',
    'Never invent figures; use only those given.',
  ];
  if (voice) {
    lines.push(`Write for ${voice.brandName}${voice.audience ? `, whose audience is ${voice.audience}` : ''}.`);
    if (voice.tone.length) lines.push(`Tone: ${voice.tone.join(', ')}.`);
    if (voice.bannedWords.length) lines.push(`Never use these words: ${voice.bannedWords.join(', ')}.`);
  }
  for (const hint of promptHints) lines.push(hint);
  return lines.join('\n');
}

/** The cluster as the model reads it: its lead keyword and members with their figures. */
export function clusterPrompt(siteUrl: string, cluster: ClusterSummary, plannedFor: string): string {
  const shown = cluster.keywords.slice(0, MAX_KEYWORDS_SHOWN);
  return [
    `Site: ${siteUrl}`,
    `Cluster: ${cluster.name}`,
    `Lead keyword: ${describe(cluster.lead)}`,
    `Keywords (${cluster.keywords.length}):`,
    ...shown.map((k) => `- ${describe(k)}`),
    `Clicks to win in the cluster (opportunity score): ${cluster.opportunity}`,
    `Planned for: ${plannedFor}`,
  ].join('\n');
}

function describe(k: KeywordStat): string {
  return `${k.term}: ${k.impressions} impressions, ${k.clicks} clicks, CTR ${(k.ctr * 100).toFixed(1)}%, average position ${k.position}`;
}
