import { diffWords } from 'diff';

/** A word-level diff of two texts, as a reviewer reads a rewrite: what was kept, removed and added (jsdiff's word diff). */
export type DiffOp = 'equal' | 'delete' | 'insert';

export interface DiffPart {
  op: DiffOp;
  /** The words with their spacing: the rewrite's for kept and added words, the original's for removed ones. */
  text: string;
}

// A word (letters, digits, apostrophes and hyphens inside it) or one other visible character: what diffCounts counts.
const WORD = /[\p{L}\p{N}_]+(?:['’-][\p{L}\p{N}_]+)*|[^\s\p{L}\p{N}_]/gu;

export function wordDiff(original: string, rewrite: string): DiffPart[] {
  return diffWords(original, rewrite).map((change) => ({ op: change.added ? 'insert' : change.removed ? 'delete' : 'equal', text: change.value }));
}

/** The words and punctuation marks of a text. */
export function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** Words removed and added: the size of a rewrite at a glance. */
export function diffCounts(parts: readonly DiffPart[]): { deleted: number; inserted: number } {
  const count = (op: DiffOp) => parts.filter((p) => p.op === op).reduce((sum, p) => sum + words(p.text).length, 0);
  return { deleted: count('delete'), inserted: count('insert') };
}
