/**
 * A word-level diff of two texts, as a reviewer reads a rewrite: what was kept, removed and added.
 *
 * Written here rather than taken from a library because no diff library is among the project's
 * dependencies (jest-diff is a test-only transitive one, and diffs characters or lines). It is the
 * textbook longest-common-subsequence diff over word tokens, with two economies: the shared
 * beginning and end are trimmed first, and the table behind the backtrack holds one bit per cell
 * (which neighbour carried the longer subsequence) instead of the lengths themselves, so two
 * 3,000-word texts need about 1 MB. Past MAX_CELLS the middle is reported as one removal and one
 * addition: exact, but coarse.
 */
export type DiffOp = 'equal' | 'delete' | 'insert';

export interface DiffPart {
  op: DiffOp;
  /** The words with the spacing they had: the rewrite's for kept and added words, the original's for removed ones. */
  text: string;
}

/** 4,000 × 4,000 words: 2 MB of bits and a few tenths of a second, far beyond any text a voice rewrites in one piece. */
export const MAX_CELLS = 16_000_000;

interface Token {
  /** What is compared: the word or punctuation mark itself. */
  word: string;
  /** What is shown: the word with the whitespace before it. */
  text: string;
}

// A word (letters, digits, apostrophes and hyphens inside it) or one other visible character.
const TOKEN = /(\s*)([\p{L}\p{N}_]+(?:['’-][\p{L}\p{N}_]+)*|\S)/gu;

export function tokenize(text: string): Token[] {
  return [...text.matchAll(TOKEN)].map((match) => ({ word: match[2], text: match[0] }));
}

export function wordDiff(original: string, rewrite: string, maxCells = MAX_CELLS): DiffPart[] {
  const a = tokenize(original);
  const b = tokenize(rewrite);
  let start = 0;
  while (start < a.length && start < b.length && a[start].word === b[start].word) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1].word === b[endB - 1].word) {
    endA--;
    endB--;
  }
  const parts: DiffPart[] = [];
  const push = (op: DiffOp, token: Token) => {
    const last = parts[parts.length - 1];
    if (last?.op === op) last.text += token.text;
    else parts.push({ op, text: token.text });
  };
  for (let i = 0; i < start; i++) push('equal', b[i]);
  const middleA = a.slice(start, endA);
  const middleB = b.slice(start, endB);
  if (middleA.length * middleB.length > maxCells) {
    middleA.forEach((token) => push('delete', token));
    middleB.forEach((token) => push('insert', token));
  } else {
    for (const [op, token] of lcsScript(middleA, middleB)) push(op, token);
  }
  for (let i = endB; i < b.length; i++) push('equal', b[i]);
  return parts;
}

/**
 * The edit script of a longest common subsequence. Lengths are kept for two rows only; the full
 * table keeps one bit per cell, set when dropping a[i] keeps a subsequence at least as long as
 * taking b[j] does, so the backtrack knows which way to step without the lengths. Ties remove
 * before they add: a replaced word reads "old, then new".
 */
function lcsScript(a: Token[], b: Token[]): Array<[DiffOp, Token]> {
  const n = a.length;
  const m = b.length;
  const dropA = new Uint8Array(Math.ceil(((n + 1) * (m + 1)) / 8));
  const setBit = (index: number) => (dropA[index >> 3] |= 1 << (index & 7));
  const bit = (index: number) => (dropA[index >> 3] & (1 << (index & 7))) !== 0;
  let below = new Uint32Array(m + 1);
  let row = new Uint32Array(m + 1);
  for (let i = n - 1; i >= 0; i--) {
    row[m] = 0;
    for (let j = m - 1; j >= 0; j--) {
      if (a[i].word === b[j].word) row[j] = below[j + 1] + 1;
      else if (below[j] >= row[j + 1]) {
        row[j] = below[j];
        setBit(i * (m + 1) + j);
      } else row[j] = row[j + 1];
    }
    [below, row] = [row, below];
  }

  const script: Array<[DiffOp, Token]> = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i].word === b[j].word) {
      script.push(['equal', b[j]]);
      i++;
      j++;
    } else if (bit(i * (m + 1) + j)) script.push(['delete', a[i++]]);
    else script.push(['insert', b[j++]]);
  }
  while (i < n) script.push(['delete', a[i++]]);
  while (j < m) script.push(['insert', b[j++]]);
  return script;
}

/** Words removed and added: the size of a rewrite at a glance. */
export function diffCounts(parts: readonly DiffPart[]): { deleted: number; inserted: number } {
  const words = (text: string) => tokenize(text).length;
  return {
    deleted: parts.filter((p) => p.op === 'delete').reduce((sum, p) => sum + words(p.text), 0),
    inserted: parts.filter((p) => p.op === 'insert').reduce((sum, p) => sum + words(p.text), 0),
  };
}
