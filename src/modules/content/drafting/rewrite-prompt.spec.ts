import type { VoiceGuide } from '../../brands/voice-guides';
import { rewriteInstructions } from './rewrite-prompt';

const voice: VoiceGuide = {
  brandId: 'b',
  brandName: 'Northwind Coffee',
  voiceId: 'v',
  voiceName: 'House voice',
  tone: ['warm'],
  audience: null,
  doRules: [],
  dontRules: [],
  bannedWords: ['cheap'],
  requiredElements: ['Northwind'],
  minLength: 40,
  maxLength: 600,
  examples: ['Morning, you.'],
};

describe(rewriteInstructions.name, () => {
  it("should give the voice with its length, and the original's failed checks to fix, but not its similarity", () => {
    const reasons = [
      { rule: 'similarity' as const, message: 'similarity is 0.1' },
      { rule: 'banned_words' as const, message: 'uses banned words: "cheap"' },
    ];

    const sut = rewriteInstructions(voice, reasons, ['Keep prices in euros.']);

    expect(sut).toContain('Write as Northwind Coffee, in its voice "House voice".');
    expect(sut).toContain('Length: 40 to 600 characters.');
    expect(sut).toContain('The voice check found in the original:\n- uses banned words: "cheap"\nFix each point.');
    expect(sut).not.toContain('similarity is 0.1');
    expect(sut).toContain('The organization asks: Keep prices in euros.');
  });

  it('should say nothing of checks or length when there are none', () => {
    const sut = rewriteInstructions({ ...voice, minLength: null, maxLength: null }, [{ rule: 'similarity', message: 'similarity is 0.9' }], []);

    expect(sut).not.toContain('Length:');
    expect(sut).not.toContain('voice check found');
  });
});
