import { bestVersionIndex, draftingSettings, type DraftVersion, meetsBar, reviewOf, revisionNote } from './drafting-policy';

const scored = (score: number, passed = score >= 0.7) => ({ score: { score, passed, reasons: [] } });
const version = (score: number | null, cited = 1): DraftVersion => ({
  title: 't',
  body: 'b',
  note: 'draft',
  score: score === null ? null : { score, passed: score >= 0.7, reasons: [] },
  cited: Array.from({ length: cited }, (_, i) => ({ marker: i + 1, chunkId: 'c', documentId: 'd', documentTitle: null, sourceUrl: null, excerpt: 'e', score: 1 })),
});

describe(bestVersionIndex.name, () => {
  it('should choose the best-scoring version, and the earlier one on a tie', () => {
    expect(bestVersionIndex([scored(0.4), scored(0.6), scored(0.5)])).toBe(1);
    expect(bestVersionIndex([scored(0.6), scored(0.6)])).toBe(0);
  });

  it('should keep the draft when nothing was scored', () => {
    expect(bestVersionIndex([{ score: null }])).toBe(0);
  });
});

describe(meetsBar.name, () => {
  it("should use the threshold when there is one, else the scorer's own verdict", () => {
    expect(meetsBar({ score: 0.8, passed: true, reasons: [] }, 0.9)).toBe(false);
    expect(meetsBar({ score: 0.5, passed: false, reasons: [] }, 0.5)).toBe(true);
    expect(meetsBar({ score: 0.69, passed: false, reasons: [] }, null)).toBe(false);
  });
});

describe(draftingSettings.name, () => {
  it('should default to two revisions, five passages and the scorer’s pass mark', () => {
    expect(draftingSettings({})).toEqual({ voiceThreshold: null, maxRevisions: 2, passages: 5 });
  });

  it('should take valid settings, let the input set the threshold, and ignore values out of range or of the wrong type', () => {
    expect(draftingSettings({ voiceThreshold: 0.9, maxRevisions: 4, passages: 3 })).toEqual({ voiceThreshold: 0.9, maxRevisions: 4, passages: 3 });
    expect(draftingSettings({ voiceThreshold: 0.9 }, { voiceThreshold: 0.2 }).voiceThreshold).toBe(0.2);
    expect(draftingSettings({ voiceThreshold: '0.9', maxRevisions: 50, passages: 2.5 })).toEqual({ voiceThreshold: null, maxRevisions: 2, passages: 5 });
  });
});

describe(reviewOf.name, () => {
  it('should leave a grounded version that reached the bar a DRAFT', () => {
    expect(reviewOf(version(0.8), { threshold: null, passagesFound: 3, revisions: 0 })).toEqual({ status: 'DRAFT', reasons: [] });
  });

  it('should put a version below the bar, unscored, or ungrounded in front of a reviewer, saying why', () => {
    expect(reviewOf(version(0.5), { threshold: 0.6, passagesFound: 3, revisions: 2 })).toEqual({ status: 'IN_REVIEW', reasons: ['its voice score 0.5 is below the threshold 0.6 after 2 revisions'] });
    expect(reviewOf(version(null), { threshold: null, passagesFound: 3, revisions: 0 }).reasons).toEqual(['no brand voice checked it: no brand was named or configured']);
    expect(reviewOf(version(0.9, 0), { threshold: null, passagesFound: 3, revisions: 0 }).reasons).toEqual(['it cites none of the knowledge passages it was given']);
    expect(reviewOf(version(0.9, 0), { threshold: null, passagesFound: 0, revisions: 0 }).reasons).toEqual(['no knowledge passage matched the brief: its facts are unchecked']);
  });
});

describe(revisionNote.name, () => {
  it("should name the revision and the scorer's reasons it answers", () => {
    const reasons = [
      { rule: 'similarity' as const, message: 'similarity is 0.2' },
      { rule: 'banned_words' as const, message: 'uses banned words: "cheap"' },
    ];
    expect(revisionNote(1, reasons)).toBe('revision 1 for voice: similarity is 0.2; uses banned words: "cheap"');
  });
});
