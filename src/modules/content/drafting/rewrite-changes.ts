import type { ScoreReason } from '../../brands/scoring/voice-rules';
import { diffCounts, type DiffPart, wordDiff } from '../text/word-diff';

export interface RewriteChanges {
  /** The original against the rewrite, word by word. */
  diff: DiffPart[];
  deletedWords: number;
  insertedWords: number;
  /** The original's failed checks the rewrite no longer fails. */
  fixed: ScoreReason[];
  /** The rewrite's failed checks (after its similarity line). */
  remaining: ScoreReason[];
}

export function rewriteChanges(original: string, rewrite: string, before: readonly ScoreReason[], after: readonly ScoreReason[]): RewriteChanges {
  const diff = wordDiff(original, rewrite);
  const { deleted, inserted } = diffCounts(diff);
  const failed = (reasons: readonly ScoreReason[]) => reasons.filter((r) => r.rule !== 'similarity');
  const stillFailing = new Set(failed(after).map(checkOf));
  return { diff, deletedWords: deleted, insertedWords: inserted, fixed: failed(before).filter((r) => !stillFailing.has(checkOf(r))), remaining: failed(after) };
}

/**
 * Which check a reason reports. Banned words, length and required elements are one check each
 * (their messages carry figures that change with the text); each don't-rule is its own check, and
 * its message names the rule.
 */
function checkOf(reason: ScoreReason): string {
  if (reason.rule !== 'dont_rule') return reason.rule;
  const at = reason.message.indexOf(DONT_RULE_MARKER);
  return `dont_rule:${at === -1 ? reason.message : reason.message.slice(at + DONT_RULE_MARKER.length)}`;
}

/** What voice-rules.ts writes before the don't-rule it quotes. */
const DONT_RULE_MARKER = 'rules out: ';
