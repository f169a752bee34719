/**
 * The words a short text (a search query, a post title) is about, reduced so that variants of
 * one word meet: lower case, function words dropped, plural endings removed. Deterministic and
 * dependency-free: keyword clustering and trend topics compare these sets, and a retried run must
 * compare them alike.
 */

/** English function words and question words: they say nothing about a query's or a post's subject. */
const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or but nor of to in on at by for with from as into onto over under about after before between through during without within ' +
    'is are was were be been being am do does did doing have has had having can could will would shall should may might must ' +
    'i me my we us our ours you your yours he him his she her it its they them their this that these those there here ' +
    'what which who whom whose when where why how not no yes so if then than too very just also only all any some each ' +
    'more most other such own same up down out off again once vs via per'
  ).split(' '),
);

/** Words: runs of letters or digits in any script, with an inner apostrophe kept (don't, rock'n). */
export function wordsOf(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu) ?? [];
}

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}

/**
 * Harman's S-stemmer ("How effective is suffixing?", JASIS 1991): plural endings only, so that
 * "shirts" meets "shirt" without the over-reach of a full stemmer on two-word queries ("organic"
 * and "organ"). Two changes: sibilant plurals (-ches, -shes, -sses, -xes, -zes) lose "es", so
 * "glasses" meets "glass"; words in -is (analysis, tennis) keep their s.
 */
export function sStem(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('ies') && !word.endsWith('eies') && !word.endsWith('aies')) return `${word.slice(0, -3)}y`;
  if (/(ch|sh|ss|x|z)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('es') && !/(aes|ees|oes)$/.test(word)) return word.slice(0, -1);
  if (word.endsWith('s') && !/(us|ss|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** The stems a text is about, in order, without repeats; a text of nothing but function words keeps its words. */
export function stemsOf(text: string): string[] {
  const words = wordsOf(text);
  const content = words.filter((word) => !isStopword(word));
  return [...new Set((content.length > 0 ? content : words).map(sStem))];
}

/**
 * At most `max` characters of `text`, cut between code points (never inside a surrogate pair,
 * which Postgres could not store) and marked with an ellipsis when cut.
 */
export function excerpt(text: string, max: number): string {
  const points = Array.from(text.replace(/\s+/g, ' ').trim());
  return points.length <= max ? points.join('') : `${points.slice(0, max - 1).join('').trimEnd()}…`;
}
