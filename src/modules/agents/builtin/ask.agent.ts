import { Agent } from '../agent.decorator';
import type { AgentHandler, AgentRunContext, RunUsageSoFar } from '../agent.types';
import { AskInput } from './ask.input';

export const ASK_AGENT = 'ask';

/** A passage as `knowledge.search` returns it. */
export interface Passage {
  chunkId: string;
  documentId: string;
  datasetId: string;
  documentTitle: string | null;
  sourceUrl: string | null;
  position: number;
  text: string;
  score: number;
}

/** A brand voice as `brand.voice` returns it: what the model is told to write like. */
export interface VoiceGuide {
  brandName: string;
  voiceName: string;
  tone: string[];
  audience: string | null;
  doRules: string[];
  dontRules: string[];
  bannedWords: string[];
  examples: string[];
}

export interface Citation {
  /** The [n] the answer uses for it. */
  marker: number;
  documentId: string;
  documentTitle: string | null;
  sourceUrl: string | null;
  chunkId: string;
  position: number;
  score: number;
  excerpt: string;
}

export interface AskOutput {
  answer: string;
  citations: Citation[];
  /** False when the knowledge base had nothing on the question: the model was then not asked. */
  grounded: boolean;
  model: string | null;
  usage: RunUsageSoFar;
}

const NOTHING_FOUND = 'I found nothing in the knowledge base about this, so I cannot answer it from your material.';
const EXCERPT_CHARS = 240;

/**
 * Answers a question from the organization's knowledge, in a brand's voice, citing the passages it
 * used. Every step is a recorded tool call (search, voice, model), so a run shows what was read and
 * what it cost. It doubles as an operator's smoke test of a deployment's model and knowledge.
 */
@Agent({
  name: ASK_AGENT,
  kind: 'SUPPORT',
  description: "Answers a question from the organization's knowledge base, in a brand's voice, with citations and the run's token and cost totals",
  input: AskInput,
  tools: ['knowledge.search', 'brand.voice', 'llm.generate'],
  enabled: (config) => config.askAgentEnabled,
})
export class AskAgent implements AgentHandler<AskInput, AskOutput> {
  async run(input: AskInput, context: AgentRunContext): Promise<AskOutput> {
    const search = { query: input.question, k: input.passages ?? 5, ...(input.datasetId ? { datasetId: input.datasetId } : {}) };
    const { passages } = await context.tools.call<{ passages: Passage[] }>('knowledge', 'search', search);
    if (passages.length === 0) return { answer: NOTHING_FOUND, citations: [], grounded: false, model: null, usage: context.usage() };

    const voice = input.brandId ? await context.tools.call<VoiceGuide>('brand', 'voice', { brandId: input.brandId }) : null;
    const answer = await context.model.generateText({ system: instructions(voice), prompt: promptOf(input.question, passages), maxOutputTokens: 800 });
    return { answer: answer.text, citations: citationsIn(answer.text, passages), grounded: true, model: answer.model, usage: context.usage() };
  }
}

/** How to answer from the passages, in the voice when there is one (the support agent answers the same way). */
export function instructions(voice: VoiceGuide | null): string {
  const lines = [
    'Answer the question using only the numbered passages. Cite every passage you use as [n].',
    'If the passages do not contain the answer, say that you do not know; never invent facts.',
  ];
  if (voice) {
    lines.push(`Write as ${voice.brandName} (${voice.voiceName} voice).`);
    if (voice.tone.length) lines.push(`Tone: ${voice.tone.join(', ')}.`);
    if (voice.audience) lines.push(`Audience: ${voice.audience}.`);
    if (voice.doRules.length) lines.push(`Do: ${voice.doRules.join('; ')}.`);
    if (voice.dontRules.length) lines.push(`Don't: ${voice.dontRules.join('; ')}.`);
    if (voice.bannedWords.length) lines.push(`Never use these words: ${voice.bannedWords.join(', ')}.`);
    if (voice.examples.length) lines.push(`Examples of the voice:\n${voice.examples.slice(0, 3).map((e) => `- ${e}`).join('\n')}`);
  }
  return lines.join('\n');
}

export function promptOf(question: string, passages: Passage[]): string {
  const numbered = passages.map((p, i) => `[${i + 1}] ${p.documentTitle ?? 'Untitled'}: ${p.text}`).join('\n\n');
  return `Question: ${question}\n\nPassages:\n${numbered}`;
}

/**
 * The passages the answer cites by marker, in marker order. An answer that cites nothing cites
 * nothing: the caller sees an ungrounded answer rather than citations the model did not make.
 */
export function citationsIn(answer: string, passages: Passage[]): Citation[] {
  const markers = new Set([...answer.matchAll(/\[(\d{1,2})\]/g)].map((m) => Number(m[1])).filter((n) => n >= 1 && n <= passages.length));
  return [...markers]
    .sort((a, b) => a - b)
    .map((marker) => {
      const p = passages[marker - 1];
      const excerpt = p.text.length > EXCERPT_CHARS ? `${p.text.slice(0, EXCERPT_CHARS)}…` : p.text;
      return { marker, documentId: p.documentId, documentTitle: p.documentTitle, sourceUrl: p.sourceUrl, chunkId: p.chunkId, position: p.position, score: p.score, excerpt };
    });
}
