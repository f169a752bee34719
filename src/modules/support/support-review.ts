import type { Passage, VoiceGuide } from '../agents/builtin/ask.agent';
import { instructions } from '../agents/builtin/ask.agent';
import type { ApprovalDecision, ApprovalRequest } from '../agents/run-waits';
import type { AnswerConfidence } from './answer-confidence';
import type { SupportChannel } from './support-channels';
import type { SupportInput } from './support.input';

const EXCERPT_CHARS = 240;

/** The ask agent's instructions, for a customer on a channel, with the organization's own hints. */
export function supportInstructions(voice: VoiceGuide | null, channel: SupportChannel, promptHints: readonly string[]): string {
  const lines = [
    instructions(voice),
    `You are answering a customer's message on ${channel === 'email' ? 'email' : channel}: reply to them directly, briefly and kindly.`,
    'If the passages do not answer it, say a colleague will follow up.',
  ];
  if (promptHints.length) lines.push(...promptHints);
  return lines.join('\n');
}

export type ReviewReason = 'low-confidence' | 'policy' | 'no-draft';

/**
 * What the reviewer sees: the question, the draft (they may send `edits: { answer }` instead) and
 * the passages it came from, with how sure the agent was and why it asks.
 */
export function reviewRequest(input: SupportInput, draft: string | null, confidence: AnswerConfidence, threshold: number, reason: ReviewReason, passages: Passage[], expiresInMs?: number): ApprovalRequest {
  const why = {
    'low-confidence': `the knowledge base may not answer it (confidence ${confidence.confidence} below ${threshold}${confidence.missingTerms.length ? `; nothing on ${confidence.missingTerms.join(', ')}` : ''})`,
    'no-draft': 'the knowledge base has nothing on it: write the answer in edits.answer, or reject to escalate',
    policy: `replies on ${input.channel} are approved before they are sent (confidence ${confidence.confidence})`,
  }[reason];
  return {
    title: `Reply on ${input.channel} to ${input.from}`,
    summary: `A customer asked: "${clip(input.text, 200)}"; ${why}`,
    payload: {
      answer: draft,
      question: input.text,
      channel: input.channel,
      threadId: input.threadId,
      from: input.from,
      ...(input.subject !== undefined ? { subject: input.subject } : {}),
      confidence,
      passages: passages.map((p, i) => ({ marker: i + 1, documentTitle: p.documentTitle, sourceUrl: p.sourceUrl, score: p.score, excerpt: clip(p.text, EXCERPT_CHARS) })),
    },
    ...(expiresInMs !== undefined ? { expiresInMs } : {}),
  };
}

/** The answer to send after review: the reviewer's edit when they wrote one, else the draft; null when there is nothing to send. */
export function reviewedAnswer(decision: ApprovalDecision, draft: string | null): { answer: string | null; edited: boolean } {
  if (!decision.approved) return { answer: null, edited: false };
  const edit = decision.edits?.answer;
  if (typeof edit === 'string' && edit.trim()) return { answer: edit.trim(), edited: true };
  return { answer: draft, edited: false };
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
