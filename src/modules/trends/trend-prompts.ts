import type { Trend } from './analysis/trend-scoring';
import type { InsightSource } from './persistence/insights.repository';

/** An insight cites at most this many posts, the heaviest first. */
export const MAX_SOURCES = 10;

export function trendInstructions(promptHints: readonly string[]): string {
  return [
    'You are a social media analyst. Summarise what people are saying about the topic in the posts given:',
    'what they discuss, on which networks, how much they engage, and one way a brand could take part.',
    'Use only the posts given; never invent posts or figures. At most four sentences.',
    ...promptHints,
  ].join('\n');
}

/** The trend as the model reads it: its score and its heaviest posts with their figures. */
export function trendPrompt(trend: Trend): string {
  const posts = trend.items.slice(0, MAX_SOURCES).map((i) => {
    const figures = Object.entries(i.metrics).map(([name, value]) => `${name} ${value}`).join(', ');
    return `- [${i.network}] ${i.createdAt}: "${i.text}" (${figures})`;
  });
  return [`Topic: ${trend.topic}`, `Trend score: ${trend.score} on ${trend.networks.join(', ')}`, `Posts (${trend.items.length}, most engaging and recent first):`, ...posts].join('\n');
}

/** What an insight keeps of each post: enough to find it again and see why it counted. */
export function sourcesOf(trend: Trend): InsightSource[] {
  return trend.items.slice(0, MAX_SOURCES).map((i) => ({
    network: i.network,
    id: i.id,
    url: i.url,
    text: i.text,
    createdAt: i.createdAt,
    metrics: i.metrics,
    engagement: i.engagement,
    weight: i.weight,
  }));
}
