import {
  checkRules,
  combineScore,
  characterCount,
  findPhrases,
  LENGTH_FACTOR,
  quotedPhrasesOf,
  RULES_WEIGHT,
  SIMILARITY_CEILING,
  SIMILARITY_FLOOR,
  SIMILARITY_WEIGHT,
  VOICE_PASS_THRESHOLD,
  type VoiceRules,
  voiceMatchOf,
} from './voice-rules';

const NO_RULES: VoiceRules = { bannedWords: [], requiredElements: [], dontRules: [], minLength: null, maxLength: null };

describe(checkRules.name, () => {
  it('should give a text that breaks no rule a rule score of 1 and no reasons', () => {
    const sut = checkRules('Fresh Northwind beans, roasted this week.', { ...NO_RULES, bannedWords: ['cheap'], requiredElements: ['Northwind'], minLength: 10, maxLength: 100 });

    expect(sut).toEqual({ ruleScore: 1, reasons: [] });
  });

  it('should name every banned word found, as the voice spells it, whatever the case in the text', () => {
    const sut = checkRules('CHEAP coffee, Instant joy, cheap again', { ...NO_RULES, bannedWords: ['cheap', 'instant', 'guaranteed'] });

    expect(sut).toEqual({ ruleScore: 0, reasons: [{ rule: 'banned_words', message: 'uses banned words: "cheap", "instant"' }] });
  });

  it('should match banned words as whole words only', () => {
    expect(checkRules('Cheaper by the dozen, instantly better', { ...NO_RULES, bannedWords: ['cheap', 'instant'] })).toEqual({ ruleScore: 1, reasons: [] });
  });

  it('should match a banned phrase across any whitespace, line breaks included', () => {
    expect(findPhrases('Simply the best\nin   the world.', ['best in the world'])).toEqual(['best in the world']);
  });

  it('should find words of any script at their word boundaries', () => {
    expect(findPhrases('Un café crème, s’il vous plaît', ['café', 'caf', 'crème'])).toEqual(['café', 'crème']);
  });

  it('should take regular-expression characters in a banned word literally', () => {
    expect(findPhrases('Only $9.99 (today)', ['$9.99', '(today)', 'a.b', '$9x99'])).toEqual(['$9.99', '(today)']);
  });

  it('should ignore blank banned words', () => {
    expect(findPhrases('anything', ['', '  '])).toEqual([]);
  });

  it('should fail a text shorter than minLength', () => {
    const sut = checkRules('Too short', { ...NO_RULES, minLength: 40 });

    expect(sut).toEqual({ ruleScore: LENGTH_FACTOR, reasons: [{ rule: 'length', message: 'is 9 characters long; the voice asks for at least 40' }] });
  });

  it('should fail a text longer than maxLength', () => {
    const sut = checkRules('x'.repeat(601), { ...NO_RULES, maxLength: 600 });

    expect(sut).toEqual({ ruleScore: LENGTH_FACTOR, reasons: [{ rule: 'length', message: 'is 601 characters long; the voice allows at most 600' }] });
  });

  it('should accept texts exactly at the length limits', () => {
    expect(checkRules('x'.repeat(10), { ...NO_RULES, minLength: 10, maxLength: 10 }).reasons).toEqual([]);
  });

  it('should count characters as code points, so an emoji is one', () => {
    expect(characterCount('☕️☕')).toBe(3);
    expect(characterCount('😀😀')).toBe(2);
    expect(checkRules('😀😀', { ...NO_RULES, maxLength: 2 }).reasons).toEqual([]);
  });

  it('should list the missing required elements, ignoring case, and take off half the rule score times the share missing', () => {
    const sut = checkRules('Brewed at NORTHWIND.', { ...NO_RULES, requiredElements: ['Northwind', 'single-origin', 'farm'] });

    expect(sut.reasons).toEqual([{ rule: 'required_elements', message: 'lacks required elements: "single-origin", "farm"' }]);
    expect(sut.ruleScore).toBeCloseTo(1 - (0.5 * 2) / 3, 10);
  });

  it('should multiply the penalties of several failed checks', () => {
    const sut = checkRules('short', { ...NO_RULES, minLength: 40, requiredElements: ['Northwind'] });

    expect(sut.ruleScore).toBeCloseTo(LENGTH_FACTOR * 0.5, 10);
    expect(sut.reasons.map((r) => r.rule)).toEqual(['length', 'required_elements']);
  });

  it("should report a phrase a don't-rule quotes when the text says it, without lowering the rule score", () => {
    const sut = checkRules('A "budget" brew for you', { ...NO_RULES, dontRules: ['Never call the coffee “budget”', 'Keep it light'] });

    expect(sut).toEqual({ ruleScore: 1, reasons: [{ rule: 'dont_rule', message: 'says "budget", which a don\'t-rule rules out: Never call the coffee “budget”' }] });
  });
});

describe(quotedPhrasesOf.name, () => {
  it('should find phrases in straight and curly double quotes, and none in a rule that quotes nothing', () => {
    expect(quotedPhrasesOf('Never say "cheap" or “best ever”')).toEqual(['cheap', 'best ever']);
    expect(quotedPhrasesOf("Don't shout")).toEqual([]);
  });
});

describe(voiceMatchOf.name, () => {
  it.each([
    [-0.4, 0],
    [SIMILARITY_FLOOR, 0],
    [(SIMILARITY_FLOOR + SIMILARITY_CEILING) / 2, 0.5],
    [SIMILARITY_CEILING, 1],
    [0.95, 1],
  ])('should map similarity %s to %s', (similarity, expected) => {
    expect(voiceMatchOf(similarity)).toBeCloseTo(expected, 10);
  });
});

describe(combineScore.name, () => {
  it('should weigh the voice match and the rule score, rounded to 3 places', () => {
    const similarity = (SIMILARITY_FLOOR + SIMILARITY_CEILING) / 2;

    expect(combineScore(similarity, 0.5)).toBe(Math.round((SIMILARITY_WEIGHT * 0.5 + RULES_WEIGHT * 0.5) * 1000) / 1000);
  });

  it('should give 1 to a text as close as the examples that breaks no rule, and 0 to an unrelated text that breaks a banned word', () => {
    expect(combineScore(SIMILARITY_CEILING, 1)).toBe(1);
    expect(combineScore(0, 0)).toBe(0);
  });

  it('should never pass a text with a banned word, however close it is to the examples', () => {
    expect(combineScore(1, 0)).toBeLessThan(VOICE_PASS_THRESHOLD);
  });

  it('should pass an on-voice text that breaks no rule, and fail one with nothing in common', () => {
    expect(combineScore(0.4, 1)).toBeGreaterThanOrEqual(VOICE_PASS_THRESHOLD);
    expect(combineScore(SIMILARITY_FLOOR, 1)).toBeLessThan(VOICE_PASS_THRESHOLD);
  });
});
