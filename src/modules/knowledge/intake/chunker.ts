import { countTokens as countWithSpecials } from 'gpt-tokenizer';

export interface ChunkOptions {
  /** Largest chunk, in tokens of gpt-tokenizer's default encoding. Default 400, at least 8. */
  maxTokens?: number;
  /** Tokens of the previous chunk's end repeated at the start of the next. Default 60, below maxTokens. */
  overlapTokens?: number;
}

export interface Chunk {
  text: string;
  /** Counted on `text` itself, not summed from its parts. */
  tokenCount: number;
  /** 0 for the first chunk, then 1, 2, ... with no gaps. */
  position: number;
}

export const CHUNK_DEFAULTS = { maxTokens: 400, overlapTokens: 60 } as const;

/** How good a place a piece's end is to end a chunk: higher is better. */
const enum Boundary {
  Forced = 0,
  Word = 1,
  Line = 2,
  Sentence = 3,
  Paragraph = 4,
}

/** A stretch of the text [start, end), counted once; the pieces cover the text end to end. */
interface Piece {
  start: number;
  end: number;
  tokens: number;
  boundary: Boundary;
}

// A document may quote a tokenizer's special tokens ('<|endoftext|>'): they are text here.
const PLAIN = { disallowedSpecial: new Set<string>() };
const countTokens = (text: string): number => countWithSpecials(text, PLAIN);

/*
 * Where pieces end. The whitespace after a boundary starts the next piece, as GPT tokenizers
 * attach a space to the word after it, so a chunk's count is (almost always exactly) the sum of
 * its pieces' counts. A blank line ends a paragraph, a newline a line; a sentence ends at . ! ?
 * or an ellipsis (with closing quotes or brackets) before whitespace, or at CJK full stops. A
 * regular expression rather than Intl.Segmenter: the same split on every Node and ICU version.
 */
const BOUNDARIES = /(\n[ \t]*\n\s*)|(\n)|([.!?\u2026]+["'\u201d\u2019)\]]*(?=\s)|[\u3002\uff01\uff1f]+)/g;

/**
 * Splits text into chunks of at most maxTokens tokens, each starting with about overlapTokens of
 * the previous chunk's end (from a word boundary) so a fact cut at a chunk's edge is whole in one
 * of the two. A chunk ends at the best boundary in the second half of its window: a paragraph's
 * end, else a sentence's, else a line's, else a word's. Deterministic, and linear in the text's
 * length: every piece is counted once and looked at by at most a few chunks.
 */
export function chunkText(text: string, options: ChunkOptions = {}): Chunk[] {
  const maxTokens = options.maxTokens ?? CHUNK_DEFAULTS.maxTokens;
  const overlapTokens = options.overlapTokens ?? CHUNK_DEFAULTS.overlapTokens;
  if (!Number.isInteger(maxTokens) || maxTokens < 8) throw new RangeError('maxTokens must be an integer of at least 8');
  if (!Number.isInteger(overlapTokens) || overlapTokens < 0 || overlapTokens >= maxTokens) throw new RangeError('overlapTokens must be an integer from 0 to maxTokens - 1');

  const pieces = segment(text, maxTokens);
  const chunks: Chunk[] = [];
  let first = 0;
  let from = pieces[0]?.start ?? 0;
  let carried = 0;
  while (first < pieces.length) {
    // A piece that does not fit beside the carried overlap starts its chunk without one.
    if (pieces[first].tokens > maxTokens - carried) [from, carried] = [pieces[first].start, 0];
    let end = chooseEnd(pieces, first, maxTokens - carried);
    let body = text.slice(from, pieces[end - 1].end).trim();
    let tokenCount = countTokens(body);
    // Counts summed from pieces can miss a merge across their edge by a token: the recount decides.
    while (tokenCount > maxTokens && (end - 1 > first || from < pieces[first].start)) {
      if (end - 1 > first) end--;
      else from = pieces[first].start;
      body = text.slice(from, pieces[end - 1].end).trim();
      tokenCount = countTokens(body);
    }
    if (body) chunks.push({ text: body, tokenCount, position: chunks.length });
    if (end < pieces.length) [from, carried] = overlapStart(text, pieces, first, end, overlapTokens);
    first = end;
  }
  return chunks;
}

/** The end (exclusive piece index) of the chunk whose new pieces start at `first`. */
function chooseEnd(pieces: Piece[], first: number, budget: number): number {
  let fits = first;
  let sum = 0;
  while (fits < pieces.length && sum + pieces[fits].tokens <= budget) sum += pieces[fits++].tokens;
  if (fits === first) return first + 1;
  if (fits === pieces.length) return fits;
  // The best boundary in the window's second half, the latest among equals; the window's end if none is that far in.
  const minimum = budget / 2;
  let best = fits;
  let total = 0;
  for (let end = first + 1; end <= fits; end++) {
    total += pieces[end - 1].tokens;
    if (total < minimum && end < fits) continue;
    if (pieces[end - 1].boundary >= pieces[best - 1].boundary || total < minimum) best = end;
  }
  return best;
}

/**
 * Where the next chunk starts: as far back into the chunk's own new pieces as overlapTokens
 * reaches, whole pieces first, then words of the piece before them. Returns [offset, tokens].
 */
function overlapStart(text: string, pieces: Piece[], first: number, end: number, overlapTokens: number): [number, number] {
  let from = pieces[end].start;
  let carried = 0;
  for (let index = end - 1; index >= first && carried < overlapTokens; index--) {
    const piece = pieces[index];
    if (carried + piece.tokens <= overlapTokens) {
      [from, carried] = [piece.start, carried + piece.tokens];
      continue;
    }
    const words = [...text.slice(piece.start, piece.end).matchAll(/\s*\S+/g)];
    for (let word = words.length - 1; word >= 0; word--) {
      const tokens = countTokens(words[word][0]);
      if (carried + tokens > overlapTokens) break;
      [from, carried] = [piece.start + (words[word].index ?? 0), carried + tokens];
    }
    break;
  }
  // Summed counts include the space before the first word, which trimming removes and which can
  // make that word a token longer ('valve' is two, ' valve' one): the trimmed overlap decides.
  const stop = pieces[end - 1].end;
  let tokens = countTokens(text.slice(from, stop).trim());
  while (tokens > overlapTokens) {
    const next = text.slice(from, stop).search(/\s\S/);
    from = next < 0 ? stop : from + next + 1;
    tokens = countTokens(text.slice(from, stop).trim());
  }
  return [from, tokens];
}

/** The text as pieces no longer than maxTokens: sentences and lines, else groups of words, else slices. */
function segment(text: string, maxTokens: number): Piece[] {
  const pieces: Piece[] = [];
  const add = (start: number, end: number, boundary: Boundary) => {
    if (end <= start) return;
    const stretch = text.slice(start, end);
    // A heading ends a block, but a chunk that ends with one leaves it apart from its section.
    if (boundary > Boundary.Word && /^\s*#{1,6}\s/.test(stretch)) boundary = Boundary.Word;
    if (stretch.length <= maxTokens * 8 && !hasLongRun(stretch, maxTokens)) {
      const tokens = countTokens(stretch);
      if (tokens <= maxTokens) return void pieces.push({ start, end, tokens, boundary });
    }
    splitLong(text, start, end, boundary, maxTokens, pieces);
  };
  let start = 0;
  for (const match of text.matchAll(BOUNDARIES)) {
    const at = match.index ?? 0;
    if (match[1] !== undefined || match[2] !== undefined) {
      const boundary = match[1] !== undefined ? Boundary.Paragraph : Boundary.Line;
      add(start, at, boundary);
      // A sentence that ends a line or paragraph: keep the stronger of the two boundaries.
      const last = pieces[pieces.length - 1];
      if (at === start && last && last.end === at && last.boundary < boundary && last.boundary !== Boundary.Word) last.boundary = boundary;
      start = at;
    } else {
      add(start, at + match[0].length, Boundary.Sentence);
      start = at + match[0].length;
    }
  }
  add(start, text.length, Boundary.Paragraph);
  return pieces;
}

/**
 * A stretch over maxTokens (or too long to count whole): groups of whole words of maxTokens / 2
 * characters (a fraction of a window), each counted once, and any run longer than maxTokens characters cut into slices.
 * Groups rather than single words keep a wall of unpunctuated text from costing a count per word.
 */
function splitLong(text: string, start: number, end: number, boundary: Boundary, maxTokens: number, pieces: Piece[]): void {
  const counted = (from: number, to: number, last: Boundary) => {
    const tokens = countTokens(text.slice(from, to));
    if (tokens <= maxTokens) pieces.push({ start: from, end: to, tokens, boundary: last });
    else slice(text, from, to, last, maxTokens, pieces);
  };
  let groupStart = start;
  for (const word of text.slice(start, end).matchAll(/\s*\S+|\s+$/g)) {
    const wordStart = start + (word.index ?? 0);
    const wordEnd = wordStart + word[0].length;
    const last = wordEnd === end ? boundary : Boundary.Word;
    if (word[0].length > maxTokens) {
      if (wordStart > groupStart) counted(groupStart, wordStart, Boundary.Word);
      slice(text, wordStart, wordEnd, last, maxTokens, pieces);
      groupStart = wordEnd;
    } else if (wordEnd - groupStart >= maxTokens / 2 || wordEnd === end) {
      counted(groupStart, wordEnd, last);
      groupStart = wordEnd;
    }
  }
}

/** Cuts [start, end) into slices that cannot exceed maxTokens, whatever the characters. */
function slice(text: string, start: number, end: number, boundary: Boundary, maxTokens: number, pieces: Piece[]): void {
  // A UTF-16 unit is at most 3 UTF-8 bytes, and a byte-level BPE token covers at least one byte.
  const width = Math.floor(maxTokens / 3);
  for (let sliceStart = start; sliceStart < end; ) {
    let sliceEnd = Math.min(sliceStart + width, end);
    if (sliceEnd < end && isHighSurrogate(text.charCodeAt(sliceEnd - 1))) sliceEnd--;
    const tokens = countTokens(text.slice(sliceStart, sliceEnd));
    pieces.push({ start: sliceStart, end: sliceEnd, tokens, boundary: sliceEnd === end ? boundary : Boundary.Forced });
    sliceStart = sliceEnd;
  }
}

/**
 * Whether the text has a run of more than `limit` characters without a break between space and
 * non-space: gpt-tokenizer's BPE is quadratic in the length of one such run (a base64 blob,
 * 'aaaa...', a wall of spaces), so a stretch holding one is split before it is counted. A loop
 * rather than /\S{n,}/, which costs several times more on ordinary text.
 */
function hasLongRun(text: string, limit: number): boolean {
  let run = 0;
  let spaces = false;
  for (let index = 0; index < text.length; index++) {
    const space = text.charCodeAt(index) <= 32;
    run = space === spaces ? run + 1 : 1;
    spaces = space;
    if (run > limit) return true;
  }
  return false;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
