import type { ScoreReason } from '../../brands/scoring/voice-rules';
import type { CitedPassage, Titled } from './draft-text';

/** What the voice scorer said of a version (the fields of `brand.score_voice` the agent uses). */
export interface VersionScore {
  score: number;
  passed: boolean;
  reasons: ScoreReason[];
}

export interface DraftVersion extends Titled {
  /** Null: no brand voice to score it against. */
  score: VersionScore | null;
  cited: CitedPassage[];
  note: string;
}

export interface DraftingSettings {
  /** The voice score a version must reach; null: the scorer's own pass mark (its `passed`). */
  voiceThreshold: number | null;
  maxRevisions: number;
  passages: number;
}

export const DEFAULT_MAX_REVISIONS = 2;
export const MAX_REVISIONS_LIMIT = 5;
export const DEFAULT_PASSAGES = 5;
const MAX_PASSAGES = 10;

/**
 * The agent's settings from its configuration (`settings` is free-form JSON an organization
 * writes), then the run's input where it may say: a value of the wrong type or out of range is
 * ignored for the default, so a bad setting cannot stop every run of the agent.
 */
export function draftingSettings(settings: Record<string, unknown>, input: { voiceThreshold?: number } = {}): DraftingSettings {
  const threshold = input.voiceThreshold ?? numberIn(settings.voiceThreshold, 0, 1);
  return {
    voiceThreshold: threshold ?? null,
    maxRevisions: integerIn(settings.maxRevisions, 0, MAX_REVISIONS_LIMIT) ?? DEFAULT_MAX_REVISIONS,
    passages: integerIn(settings.passages, 1, MAX_PASSAGES) ?? DEFAULT_PASSAGES,
  };
}

export function meetsBar(score: VersionScore, threshold: number | null): boolean {
  return threshold === null ? score.passed : score.score >= threshold;
}

/** The best-scoring version; on a tie the earlier one (less rewritten); unscored versions only when nothing was scored. */
export function bestVersionIndex(versions: readonly Pick<DraftVersion, 'score'>[]): number {
  let best = 0;
  versions.forEach((version, index) => {
    const current = versions[best].score;
    if (version.score && (!current || version.score.score > current.score)) best = index;
  });
  return best;
}

/** The reasons a revision is asked to fix: every failed check (the similarity line is a measurement, kept for context). */
export function revisionNote(revision: number, reasons: readonly ScoreReason[]): string {
  return `revision ${revision} for voice: ${reasons.map((r) => r.message).join('; ')}`;
}

export type AgentContentStatus = 'DRAFT' | 'IN_REVIEW';

/**
 * Whether a person should look at the content now (IN_REVIEW) or it waits as a DRAFT. Every piece
 * needs a person before it is APPROVED and PUBLISHED either way; IN_REVIEW puts the ones the agent
 * could not vouch for in front of a reviewer: below the voice bar after its revisions, never
 * checked against a voice, or making claims no knowledge passage backs (found none, or cited none).
 */
export function reviewOf(best: DraftVersion, context: { threshold: number | null; passagesFound: number; revisions: number }): { status: AgentContentStatus; reasons: string[] } {
  const reasons: string[] = [];
  if (!best.score) reasons.push('no brand voice checked it: no brand was named or configured');
  else if (!meetsBar(best.score, context.threshold)) {
    const bar = context.threshold === null ? "the voice scorer's pass mark" : `the threshold ${context.threshold}`;
    reasons.push(`its voice score ${best.score.score} is below ${bar} after ${context.revisions} revision${context.revisions === 1 ? '' : 's'}`);
  }
  if (context.passagesFound === 0) reasons.push('no knowledge passage matched the brief: its facts are unchecked');
  else if (best.cited.length === 0) reasons.push('it cites none of the knowledge passages it was given');
  return { status: reasons.length > 0 ? 'IN_REVIEW' : 'DRAFT', reasons };
}

function numberIn(value: unknown, min: number, max: number): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max ? value : undefined;
}

function integerIn(value: unknown, min: number, max: number): number | undefined {
  return Number.isInteger(value) ? numberIn(value, min, max) : undefined;
}
