import type { Passage } from '../../knowledge/knowledge-search';
import type { VoiceGuide } from '../../brands/voice-guides';
import type { ContentFormat } from '../agents/content.input';
import type { VersionScore } from './drafting-policy';
import { type Titled } from './draft-text';
import { hintLines, voiceInstructions } from './voice-instructions';

/** The shape each format asks for, in Markdown (what a CMS and a reviewer read). */
const FORMAT_INSTRUCTIONS: Record<ContentFormat, string[]> = {
  blog_post: [
    'Write a blog post in Markdown.',
    'Structure: an introduction of two or three sentences; three to five sections, each under a "## " heading; a short conclusion that invites the reader to act.',
    'Length: 600 to 1,000 words.',
  ],
  landing_page: [
    'Write the copy of a landing page in Markdown.',
    'Structure: "## Hero" with a headline and a one-sentence subheadline; "## Benefits" with three to five bullet points, each a benefit in one sentence; "## Call to action" with one persuasive sentence and a button label on its own line as "Button: <label>".',
    'Length: 150 to 350 words.',
  ],
  newsletter: [
    'Write an email newsletter in Markdown; the title is its subject line.',
    'Structure: a one-line greeting; two to four blocks, each under a "## " heading with a short paragraph and a suggested link text; a warm sign-off.',
    'Length: 250 to 500 words.',
  ],
};

const GROUNDING = [
  'Use the numbered passages for every fact, figure and claim, and cite each passage you use as [n] right after the claim.',
  'Never invent facts, prices, dates or quotes the passages do not contain; if the passages say nothing on a point the brief asks for, write around it.',
];

const TITLE_RULE = 'Start with the title on the first line as "# <title>" (at most 120 characters), then the body.';
export const MAX_OUTPUT_TOKENS = 2_000;

export function draftInstructions(format: ContentFormat, voice: VoiceGuide | null, promptHints: readonly string[]): string {
  return [...FORMAT_INSTRUCTIONS[format], TITLE_RULE, ...GROUNDING, ...(voice ? voiceInstructions(voice) : []), ...hintLines(promptHints)].join('\n');
}

export function draftPrompt(brief: string, passages: readonly Passage[]): string {
  return `Brief: ${brief}\n\n${passagesBlock(passages)}`;
}

/**
 * A revision: the version to improve, what the voice scorer found wrong with it, and the same
 * passages (so its citations stay valid). The format and grounding instructions are repeated by
 * the caller's system prompt; this prompt says what to change.
 */
export function revisionPrompt(brief: string, passages: readonly Passage[], version: Titled, score: VersionScore, threshold: number | null): string {
  const bar = threshold === null ? 'the brand voice check' : `a voice score of at least ${threshold}`;
  return [
    `Revise the draft below so it passes ${bar}; it scored ${score.score}.`,
    `The voice check found:\n${score.reasons.map((r) => `- ${r.message}`).join('\n')}`,
    'Fix each point. Keep the format, the facts and the [n] citations.',
    `Brief: ${brief}`,
    passagesBlock(passages),
    `Draft:\n# ${version.title}\n${version.body}`,
  ].join('\n\n');
}

function passagesBlock(passages: readonly Passage[]): string {
  if (passages.length === 0) return 'Passages: none were found in the knowledge base; write only what the brief itself says.';
  return `Passages:\n${passages.map((p, i) => `[${i + 1}] ${p.documentTitle ?? 'Untitled'}: ${p.text}`).join('\n\n')}`;
}
