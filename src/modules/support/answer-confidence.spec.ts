import { answerConfidence, BEST_FUSED_SCORE, contentTerms, lightStem } from './answer-confidence';

const SHIPPING = 'We ship to Canada and the European Union in 7 to 12 working days; customs duties are paid by the customer.';
const BREWING = 'For a French press use 30 g of coarse coffee to 500 g of water, steep for four minutes, then press slowly.';

describe(answerConfidence.name, () => {
  it('should be sure when the best passage tops both search legs and holds every word of the question', () => {
    const sut = answerConfidence('How long does shipping to the European Union take?', [{ text: `${SHIPPING} Orders take long.`, score: BEST_FUSED_SCORE }]);

    expect(sut).toEqual({ confidence: 1, strength: 1, coverage: 1, missingTerms: [] });
  });

  it('should take the geometric mean of strength and coverage', () => {
    // One leg's first place (half the best score), and two of the four words.
    const sut = answerConfidence('Do you ship to Canada, Mars or Venus?', [{ text: SHIPPING, score: 1 / 61 }]);

    expect(sut).toMatchObject({ strength: 0.5, coverage: 0.5, confidence: 0.5, missingTerms: ['mars', 'venus'] });
  });

  it('should have no confidence when no passage shares a word with the question, however near its vector', () => {
    const sut = answerConfidence('What warranty covers refurbished drones?', [{ text: BREWING, score: 1 / 61 }]);

    expect(sut).toMatchObject({ confidence: 0, coverage: 0 });
  });

  it('should have no confidence without passages or without a content word', () => {
    expect(answerConfidence('Where is my parcel?', [])).toEqual({ confidence: 0, strength: 0, coverage: 0, missingTerms: ['parcel'] });
    expect(answerConfidence('Hi, can you?', [{ text: SHIPPING, score: BEST_FUSED_SCORE }]).confidence).toBe(0);
  });

  it('should count the best passage for strength and every passage for coverage', () => {
    const sut = answerConfidence('French press shipping', [
      { text: BREWING, score: 0.01 },
      { text: SHIPPING, score: BEST_FUSED_SCORE / 4 },
    ]);

    expect(sut).toMatchObject({ strength: 0.31, coverage: 1 });
    expect(sut.confidence).toBeCloseTo(Math.sqrt(0.305), 2);
  });
});

describe(contentTerms.name, () => {
  it('should drop stop words and short words, keep numbers and letters of any script', () => {
    expect(contentTerms('Can you ship 3 bags to Zürich by the 12th?')).toEqual(['ship', '3', 'bag', 'zürich', '12th']);
  });
});

describe(lightStem.name, () => {
  it.each([
    ['shipping', 'ship'],
    ['shipped', 'ship'],
    ['ships', 'ship'],
    ['policies', 'policy'],
    ['returns', 'return'],
    ['taking', 'tak'],
    ['take', 'tak'],
    ['addresses', 'address'],
    ['status', 'status'],
    ['quickly', 'quick'],
  ])('should stem %s to %s', (word, stem) => {
    expect(lightStem(word)).toBe(stem);
  });
});
