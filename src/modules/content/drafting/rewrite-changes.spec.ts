import type { ScoreReason } from '../../brands/scoring/voice-rules';
import { rewriteChanges } from './rewrite-changes';

const similarity: ScoreReason = { rule: 'similarity', message: 'similarity is 0.1' };
const banned: ScoreReason = { rule: 'banned_words', message: 'uses banned words: "cheap"' };
const dontRule = (phrase: string): ScoreReason => ({ rule: 'dont_rule', message: `says "${phrase}", which a don't-rule rules out: Never call the coffee "cheap"` });

describe(rewriteChanges.name, () => {
  it('should list the checks the rewrite no longer fails, and the ones it still does', () => {
    const length: ScoreReason = { rule: 'length', message: 'is 20 characters long; the voice asks for at least 40' };
    const longer: ScoreReason = { rule: 'length', message: 'is 700 characters long; the voice allows at most 600' };

    const sut = rewriteChanges('Cheap coffee.', 'Fair coffee from Northwind.', [similarity, banned, length, dontRule('cheap')], [similarity, longer]);

    expect(sut.fixed).toEqual([banned, dontRule('cheap')]);
    expect(sut.remaining).toEqual([longer]);
  });

  it('should carry the word diff and its counts', () => {
    const sut = rewriteChanges('Cheap coffee.', 'Fair coffee from Northwind.', [], []);

    expect(sut.diff.map((p) => p.op)).toEqual(['delete', 'insert', 'equal', 'insert', 'equal']);
    expect({ deleted: sut.deletedWords, inserted: sut.insertedWords }).toEqual({ deleted: 1, inserted: 3 });
  });
});
