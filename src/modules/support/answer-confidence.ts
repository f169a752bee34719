import { RRF_K } from '../knowledge/search/reciprocal-rank-fusion';

/**
 * How sure the support agent may be that the knowledge base answers a question, from what the
 * search found, before any model is asked. Two measures, each 0..1:
 *
 * - strength: the best passage's score against the best a passage can score. Scores are
 *   reciprocal-rank fusions of the vector and full-text legs (knowledge/search), so the ceiling is
 *   2 / (RRF_K + 1): first in both legs. A passage only the vector leg found (the nearest text,
 *   however unrelated: vectors always have neighbours) reaches at most half of it.
 * - coverage: the share of the question's content words (stop words dropped, lightly stemmed)
 *   that appear in at least one passage. An unanswerable question usually names the thing the
 *   knowledge base lacks ("warranty", "Mars"), and that word is missing.
 *
 * confidence = sqrt(strength * coverage), the geometric mean: high only when both are, and zero
 * when either is (no passages, no shared word). Rounded to two decimals.
 */
export interface AnswerConfidence {
  confidence: number;
  strength: number;
  coverage: number;
  /** The question's content words no passage holds: what a reviewer should look for. */
  missingTerms: string[];
}

export interface ScoredPassage {
  text: string;
  score: number;
}

/** The best fused score a passage can have: rank 1 in both legs. */
export const BEST_FUSED_SCORE = 2 / (RRF_K + 1);

const STOP_WORDS = new Set(
  (
    'a about after again all also am an and any are as at be been before being but by can could did do does doing done for from get got had has have having he her here him his ' +
    'how i if in into is it its just me my no not of off on once only or other our ours out over own please same she should so some such than thank thanks that the their them ' +
    'then there these they this those through to too under until up us very was we were what when where which while who whom why will with would yes you your yours hello hi hey dear'
  ).split(' '),
);

const round2 = (value: number) => Math.round(value * 100) / 100;

export function answerConfidence(question: string, passages: readonly ScoredPassage[]): AnswerConfidence {
  // Stem -> the question's own word, to name what is missing as the customer wrote it.
  const asked = new Map<string, string>();
  for (const word of contentWords(question)) if (!asked.has(lightStem(word))) asked.set(lightStem(word), word);
  if (passages.length === 0 || asked.size === 0) return { confidence: 0, strength: 0, coverage: 0, missingTerms: [...asked.values()] };
  const strength = Math.min(1, Math.max(...passages.map((p) => p.score)) / BEST_FUSED_SCORE);
  const found = new Set(passages.flatMap((p) => contentTerms(p.text)));
  const missing = [...asked.keys()].filter((stem) => !found.has(stem));
  const coverage = (asked.size - missing.length) / asked.size;
  return { confidence: round2(Math.sqrt(strength * coverage)), strength: round2(strength), coverage: round2(coverage), missingTerms: missing.map((stem) => asked.get(stem)!) };
}

/** Lower-cased words of three or more letters or digits that are not stop words, lightly stemmed. */
export function contentTerms(text: string): string[] {
  return contentWords(text).map(lightStem);
}

function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((word) => !STOP_WORDS.has(word) && (word.length >= 3 || /^\d+$/.test(word)));
}

/**
 * A light English stemmer (plural, -ing, -ed, -ly, a final e, doubled consonants): enough that
 * "shipping", "shipped" and "ships" meet "ship" and "policies" meets "policy". Not Porter: the
 * measure is a coarse overlap, and a word it fails to join only lowers confidence, which asks a person.
 */
export function lightStem(word: string): string {
  if (word.length <= 3 || /^\d+$/.test(word)) return word;
  let stem = word;
  if (stem.endsWith('ies') && stem.length > 4) stem = `${stem.slice(0, -3)}y`;
  else if (stem.endsWith('sses')) stem = stem.slice(0, -2);
  else if (/[^su]s$/.test(stem)) stem = stem.slice(0, -1);
  for (const suffix of ['ingly', 'edly', 'ing', 'ed', 'ly']) {
    if (stem.endsWith(suffix) && stem.length - suffix.length >= 3) {
      stem = stem.slice(0, -suffix.length);
      break;
    }
  }
  if (/([^aeiouls])\1$/.test(stem)) stem = stem.slice(0, -1);
  if (stem.endsWith('e') && stem.length > 3) stem = stem.slice(0, -1);
  return stem;
}
