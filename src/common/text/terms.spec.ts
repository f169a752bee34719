import { excerpt, sStem, stemsOf, wordsOf } from './terms';

describe('terms', () => {
  describe(wordsOf.name, () => {
    it('should split on anything but letters and digits, in any script, lower-cased', () => {
      expect(wordsOf("Cold-Brew: Café's BEST 2025 guide, don't miss")).toEqual(['cold', 'brew', "café's", 'best', '2025', 'guide', "don't", 'miss']);
    });

    it('should answer no words for punctuation only', () => {
      expect(wordsOf(' -- !! ')).toEqual([]);
    });
  });

  describe(sStem.name, () => {
    it.each([
      ['shirts', 'shirt'],
      ['berries', 'berry'],
      ['glasses', 'glass'],
      ['watches', 'watch'],
      ['boxes', 'box'],
      ['shoes', 'shoe'],
      ['recipes', 'recipe'],
      ['dress', 'dress'],
      ['status', 'status'],
      ['analysis', 'analysis'],
      ['gas', 'gas'],
      ['linen', 'linen'],
    ])('should stem %s to %s', (word, stem) => {
      expect(sStem(word)).toBe(stem);
    });
  });

  describe(stemsOf.name, () => {
    it('should drop function words and repeats, keeping the order of first use', () => {
      expect(stemsOf('How to wash linen shirts and linen')).toEqual(['wash', 'linen', 'shirt']);
    });

    it('should keep the words of a text made only of function words', () => {
      expect(stemsOf('what is it')).toEqual(['what', 'is', 'it']);
    });
  });

  describe(excerpt.name, () => {
    it('should leave a short text as it is, whitespace collapsed', () => {
      expect(excerpt('  a  short\ntext ', 20)).toBe('a short text');
    });

    it('should cut between code points, never inside a surrogate pair', () => {
      const cut = excerpt('ab😀😀😀', 4);

      expect(cut).toBe('ab😀…');
      expect(Array.from(cut)).toHaveLength(4);
    });
  });
});
