/**
 * How a text is scored against a brand voice, as pure functions: the scorer feeds them the
 * similarity it measured and the voice's rules.
 *
 *   score = SIMILARITY_WEIGHT × voiceMatch + RULES_WEIGHT × ruleScore      (rounded to 3 places)
 *
 * voiceMatch maps the cosine similarity of the text to the voice's examples linearly from
 * SIMILARITY_FLOOR (nothing in common: 0) to SIMILARITY_CEILING (as close as an example is to the
 * examples' mean: 1). ruleScore starts at 1 and is multiplied down by each failed check that can be
 * decided exactly:
 *   - a banned word (whole word or phrase, any case): ×0. The score then cannot exceed
 *     SIMILARITY_WEIGHT, below the pass threshold: a banned word always fails the text.
 *   - length outside minLength..maxLength characters (code points): ×LENGTH_FACTOR.
 *   - required elements missing (case-insensitive substrings): ×(1 − REQUIRED_ELEMENTS_PENALTY × share missing).
 * Don't-rules are free text ("keep it light", "never call it "cheap""): no check can decide them in
 * general, so they never move the score. A phrase a don't-rule quotes is looked for literally,
 * and a hit is reported as a reason, so a writer sees it; it costs nothing (a quoted phrase worth
 * a penalty belongs in bannedWords).
 */
export const VOICE_PASS_THRESHOLD = 0.7;
export const SIMILARITY_WEIGHT = 0.6;
export const RULES_WEIGHT = 0.4;
/**
 * Calibrated on the offline feature-hash embeddings, where unrelated texts score about 0.1 and a
 * voice's own examples about 0.5 against its mean; typical hosted embedding models read similarly
 * (unrelated prose 0.1 to 0.2). A model that reads very differently wants these tuned.
 */
export const SIMILARITY_FLOOR = 0.1;
export const SIMILARITY_CEILING = 0.5;
export const LENGTH_FACTOR = 0.5;
export const REQUIRED_ELEMENTS_PENALTY = 0.5;

export type ScoreRule = 'similarity' | 'banned_words' | 'length' | 'required_elements' | 'dont_rule';

export interface ScoreReason {
  rule: ScoreRule;
  message: string;
}

export interface VoiceRules {
  bannedWords: string[];
  requiredElements: string[];
  dontRules: string[];
  minLength: number | null;
  maxLength: number | null;
}

export interface RuleOutcome {
  /** 1 when every check passed, down to 0. */
  ruleScore: number;
  /** Failed checks (and don't-rule phrases found), in the order of the checks. */
  reasons: ScoreReason[];
}

export function voiceMatchOf(similarity: number): number {
  return clamp01((similarity - SIMILARITY_FLOOR) / (SIMILARITY_CEILING - SIMILARITY_FLOOR));
}

export function combineScore(similarity: number, ruleScore: number): number {
  return round3(SIMILARITY_WEIGHT * voiceMatchOf(similarity) + RULES_WEIGHT * clamp01(ruleScore));
}

export function similarityReason(similarity: number): ScoreReason {
  return { rule: 'similarity', message: `similarity to the voice's examples is ${similarity.toFixed(3)} (voice match ${voiceMatchOf(similarity).toFixed(2)})` };
}

export function checkRules(text: string, rules: VoiceRules): RuleOutcome {
  const reasons: ScoreReason[] = [];
  let ruleScore = 1;

  const banned = findPhrases(text, rules.bannedWords);
  if (banned.length > 0) {
    ruleScore = 0;
    reasons.push({ rule: 'banned_words', message: `uses banned words: ${banned.map(quote).join(', ')}` });
  }

  const length = characterCount(text);
  if (rules.minLength !== null && length < rules.minLength) {
    ruleScore *= LENGTH_FACTOR;
    reasons.push({ rule: 'length', message: `is ${length} characters long; the voice asks for at least ${rules.minLength}` });
  } else if (rules.maxLength !== null && length > rules.maxLength) {
    ruleScore *= LENGTH_FACTOR;
    reasons.push({ rule: 'length', message: `is ${length} characters long; the voice allows at most ${rules.maxLength}` });
  }

  const lowered = text.toLowerCase();
  const missing = rules.requiredElements.filter((element) => !lowered.includes(element.toLowerCase()));
  if (missing.length > 0) {
    ruleScore *= 1 - (REQUIRED_ELEMENTS_PENALTY * missing.length) / rules.requiredElements.length;
    reasons.push({ rule: 'required_elements', message: `lacks required elements: ${missing.map(quote).join(', ')}` });
  }

  for (const rule of rules.dontRules) {
    const said = findPhrases(text, quotedPhrasesOf(rule));
    if (said.length > 0) reasons.push({ rule: 'dont_rule', message: `says ${said.map(quote).join(', ')}, which a don't-rule rules out: ${rule}` });
  }
  return { ruleScore, reasons };
}

/** Characters as a reader counts them: code points, so an emoji is one. */
export function characterCount(text: string): number {
  return [...text].length;
}

/**
 * The phrases of `phrases` that `text` contains as whole words, ignoring case (Unicode-aware: "café"
 * is a word, "cheaper" does not contain the word "cheap"). Each phrase once, as the voice spells it.
 */
export function findPhrases(text: string, phrases: readonly string[]): string[] {
  return [...new Set(phrases.filter((phrase) => phrase.trim() !== '' && wholePhrase(phrase).test(text)))];
}

/** Phrases a free-text rule quotes: `Never call it "cheap"` quotes cheap. */
export function quotedPhrasesOf(rule: string): string[] {
  return [...rule.matchAll(/["“”]([^"“”]+)["“”]/g)].map((match) => match[1].trim()).filter(Boolean);
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;

function wholePhrase(phrase: string): RegExp {
  const trimmed = phrase.trim();
  const body = trimmed.split(/\s+/).map(escapeRegExp).join('\\s+');
  // A boundary only where the phrase itself begins or ends with a word character ("$$$" has none).
  const before = WORD_CHAR.test(trimmed[0]) ? '(?<![\\p{L}\\p{N}_])' : '';
  const after = WORD_CHAR.test(trimmed[trimmed.length - 1]) ? '(?![\\p{L}\\p{N}_])' : '';
  return new RegExp(`${before}${body}${after}`, 'iu');
}

function escapeRegExp(text: string): string {
  // Only syntax characters: in Unicode mode escaping anything else (`\-`) is itself an error.
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function quote(text: string): string {
  return JSON.stringify(text);
}

function clamp01(value: number): number {
  return Math.max(0, Math.min(1, value));
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
