import { extractUrlsWithIndices } from 'twitter-text';

const ELLIPSIS = '…';
/** Left off before the ellipsis: a cut after "Save 20%," reads better as "Save 20%…". */
const TRAILING_JOINERS = /[\s,;:–—]+$/u;
const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/**
 * `text` if it is within `maxLength` by `length`, else its longest prefix that ends at a word
 * boundary and fits with an ellipsis. Cutting at spaces keeps every URL whole (a URL has no
 * space in it), and on X a kept URL costs its flat 23 however long it is. Only a first word
 * too long to fit on its own is cut inside, at a character boundary, and before a URL if it can.
 */
export function fitText(text: string, maxLength: number, length: (text: string) => number): string {
  if (length(text) <= maxLength) return text;
  const urls = extractUrlsWithIndices(text).map(({ indices }) => indices);
  const cutAt = (end: number) => withEllipsis(text.slice(0, end), urls);
  const fits = (end: number) => length(cutAt(end)) <= maxLength;
  const characterEnds = graphemeEnds(text);
  const outsideUrls = characterEnds.filter((end) => !urls.some(([start, stop]) => start < end && end < stop));
  const end = lastFitting(wordEnds(text), fits) ?? lastFitting(outsideUrls, fits) ?? lastFitting(characterEnds, fits);
  return end === undefined ? '' : cutAt(end);
}

function withEllipsis(prefix: string, urls: Array<[number, number]>): string {
  const kept = prefix.replace(TRAILING_JOINERS, '');
  // "https://example.com/sale…" would make the ellipsis part of the link where it is rendered.
  const endsWithUrl = urls.some(([, stop]) => stop === kept.length);
  return `${kept}${endsWithUrl ? ' ' : ''}${ELLIPSIS}`;
}

/** Where each word ends: every run of whitespace after a non-space. */
function wordEnds(text: string): number[] {
  const ends: number[] = [];
  for (const match of text.matchAll(/(?<=\S)\s/gu)) ends.push(match.index);
  return ends;
}

function graphemeEnds(text: string): number[] {
  return [...graphemes.segment(text)].map(({ index, segment }) => index + segment.length).filter((end) => end > 0);
}

/**
 * The largest end that fits, by bisection: a longer prefix never measures less in any of our
 * measures (each character adds to the count, and a URL is whole or absent at a word boundary).
 */
function lastFitting(ends: number[], fits: (end: number) => boolean): number | undefined {
  let lo = 0;
  let hi = ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (fits(ends[mid])) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? undefined : ends[lo - 1];
}
