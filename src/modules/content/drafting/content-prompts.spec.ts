import type { VoiceGuide } from '../../brands/voice-guides';
import { draftInstructions, draftPrompt, revisionPrompt } from './content-prompts';

const voice: VoiceGuide = {
  brandId: 'b',
  brandName: 'Northwind Coffee',
  voiceId: 'v',
  voiceName: 'House voice',
  tone: ['warm'],
  audience: 'Coffee lovers',
  doRules: ['Name the origin'],
  dontRules: ['Never call it "cheap"'],
  bannedWords: ['cheap'],
  requiredElements: ['Northwind'],
  minLength: 40,
  maxLength: 777,
  examples: ['Morning, you.'],
};
const passage = { chunkId: 'c', documentId: 'd', datasetId: 'ds', documentTitle: 'Shipping policy', sourceUrl: null, position: 0, text: 'We ship in 3 days.', score: 1 };

describe(draftInstructions.name, () => {
  it('should ask each format for its own structure, the title line and citations', () => {
    expect(draftInstructions('blog_post', null, [])).toContain('"## " heading');
    expect(draftInstructions('landing_page', null, [])).toMatch(/## Hero[\s\S]*## Benefits[\s\S]*## Call to action/);
    expect(draftInstructions('newsletter', null, [])).toContain('subject line');
    expect(draftInstructions('blog_post', null, [])).toContain('"# <title>"');
    expect(draftInstructions('blog_post', null, [])).toContain('[n]');
  });

  it("should add the brand voice and the organization's hints, but not the voice's length bounds", () => {
    const sut = draftInstructions('blog_post', voice, ['Mention free shipping.']);

    expect(sut).toContain('Write as Northwind Coffee, in its voice "House voice".');
    expect(sut).toContain('Never use these words: cheap.');
    expect(sut).toContain('Always mention: Northwind.');
    expect(sut).toContain('The organization asks: Mention free shipping.');
    expect(sut).not.toContain('777');
  });
});

describe(draftPrompt.name, () => {
  it('should number the passages the draft may cite', () => {
    expect(draftPrompt('Announce cold brew', [passage])).toBe('Brief: Announce cold brew\n\nPassages:\n[1] Shipping policy: We ship in 3 days.');
  });

  it('should say when the knowledge base had nothing', () => {
    expect(draftPrompt('Announce cold brew', [])).toContain('none were found');
  });
});

describe(revisionPrompt.name, () => {
  it("should carry the draft, its score and every one of the scorer's reasons", () => {
    const score = { score: 0.42, passed: false, reasons: [{ rule: 'banned_words' as const, message: 'uses banned words: "cheap"' }, { rule: 'length' as const, message: 'is 900 characters long' }] };

    const sut = revisionPrompt('Announce cold brew', [passage], { title: 'Cold brew', body: 'It is cheap [1].' }, score, 0.8);

    expect(sut).toContain('passes a voice score of at least 0.8; it scored 0.42');
    expect(sut).toContain('- uses banned words: "cheap"\n- is 900 characters long');
    expect(sut).toContain('[1] Shipping policy');
    expect(sut).toContain('Draft:\n# Cold brew\nIt is cheap [1].');
  });
});
