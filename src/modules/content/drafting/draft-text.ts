import type { Passage } from '../../knowledge/knowledge-search';

export const MAX_TITLE = 120;
/**
 * A body is scored with its title by `brand.score_voice`, which takes at most 20,000 characters;
 * 12,000 leaves room for the title and is well past any blog post a model writes in one answer.
 */
export const MAX_BODY = 12_000;
const EXCERPT_CHARS = 240;
const UNTITLED = 'Untitled';

export interface Titled {
  title: string;
  body: string;
}

/** A passage a version cites by its [n] marker: what a reviewer checks the claim against. */
export interface CitedPassage {
  marker: number;
  chunkId: string;
  documentId: string;
  documentTitle: string | null;
  sourceUrl: string | null;
  excerpt: string;
  score: number;
}

/**
 * The title rule: the model is asked to open with `# Title`; a first line that is a Markdown
 * heading (or `Title: ...`) becomes the title and leaves the body. A model that did not comply
 * still gets a title: its first sentence, fitted. The body is clipped to MAX_BODY.
 */
export function splitTitle(text: string): Titled {
  const trimmed = text.trim();
  const newline = trimmed.indexOf('\n');
  const first = (newline === -1 ? trimmed : trimmed.slice(0, newline)).trim();
  const heading = /^#{1,6}\s+(.+)$/.exec(first) ?? /^title:\s*(.+)$/i.exec(first);
  if (heading) {
    const rest = newline === -1 ? '' : trimmed.slice(newline + 1).trim();
    return { title: fitTitle(heading[1]), body: clip(rest || trimmed, MAX_BODY) };
  }
  return { title: fitTitle(firstSentence(first)), body: clip(trimmed, MAX_BODY) };
}

/** Plain text of at most MAX_TITLE characters, cut at a word when it must be cut. */
export function fitTitle(raw: string): string {
  const plain = raw.replace(/[*_`]+/g, '').replace(/^["'“”]+|["'“”]+$/g, '').replace(/\s+/g, ' ').trim();
  return clip(plain, MAX_TITLE) || UNTITLED;
}

/** At most `max` characters (code units, as Postgres and the DTOs count them), cut at a word and marked with an ellipsis. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, max - 1);
  const space = room.search(/\s\S*$/);
  return `${(space > max / 2 ? room.slice(0, space) : room).trimEnd()}…`;
}

function firstSentence(line: string): string {
  const end = /[.!?](\s|$)/.exec(line);
  return end ? line.slice(0, end.index + 1) : line;
}

/** What the voice scorer reads: the title too, since a brand's required elements may sit in it. */
export function scoredText(version: Titled): string {
  return `${version.title}\n\n${version.body}`;
}

/**
 * The passages a text cites as [n], in marker order; a marker with no passage behind it is ignored.
 * A text that cites nothing cites nothing: no passage is credited that the text did not use.
 */
export function citedPassages(text: string, passages: readonly Passage[]): CitedPassage[] {
  const markers = new Set([...text.matchAll(/\[(\d{1,2})\]/g)].map((m) => Number(m[1])).filter((n) => n >= 1 && n <= passages.length));
  return [...markers]
    .sort((a, b) => a - b)
    .map((marker) => {
      const p = passages[marker - 1];
      return { marker, chunkId: p.chunkId, documentId: p.documentId, documentTitle: p.documentTitle, sourceUrl: p.sourceUrl, excerpt: clip(p.text, EXCERPT_CHARS), score: p.score };
    });
}
