import { citedPassages, clip, fitTitle, MAX_BODY, MAX_TITLE, splitTitle } from './draft-text';

const passage = (n: number, text = `passage ${n}`) => ({ chunkId: `c${n}`, documentId: `d${n}`, datasetId: 'ds', documentTitle: `Doc ${n}`, sourceUrl: null, position: 0, text, score: 1 / n });

describe(splitTitle.name, () => {
  it('should take a first-line Markdown heading as the title and the rest as the body', () => {
    expect(splitTitle('# Autumn in **Huila**\n\nIntro [1].\n\n## Brewing\nSteps.')).toEqual({ title: 'Autumn in Huila', body: 'Intro [1].\n\n## Brewing\nSteps.' });
    expect(splitTitle('Title: "Cold brew is back"\nBody.')).toEqual({ title: 'Cold brew is back', body: 'Body.' });
  });

  it('should title a text without a heading by its first sentence, and keep the whole text as the body', () => {
    const text = 'Offline answer to: Brief: announce cold brew. More words follow here.';

    expect(splitTitle(text)).toEqual({ title: 'Offline answer to: Brief: announce cold brew.', body: text });
  });

  it('should fit a long title to 120 characters at a word, and clip a long body', () => {
    const sut = splitTitle(`# ${'word '.repeat(60)}\n${'b'.repeat(MAX_BODY + 50)}`);

    expect(sut.title.length).toBeLessThanOrEqual(MAX_TITLE);
    expect(sut.title).toMatch(/^word( word)*…$/);
    expect(sut.body.length).toBeLessThanOrEqual(MAX_BODY);
  });

  it('should keep a heading-only answer as its own body rather than leave the body empty', () => {
    expect(splitTitle('# Only a title')).toEqual({ title: 'Only a title', body: '# Only a title' });
  });
});

describe(fitTitle.name, () => {
  it('should name an empty title Untitled', () => {
    expect(fitTitle('  ** ')).toBe('Untitled');
  });
});

describe(clip.name, () => {
  it('should leave a short text alone and cut a long one at a word with an ellipsis', () => {
    expect(clip('short', 10)).toBe('short');
    expect(clip('one two three four', 12)).toBe('one two…');
  });
});

describe(citedPassages.name, () => {
  it('should record the passages a text cites, once each and in marker order, with ids and an excerpt', () => {
    const sut = citedPassages('Fresh [2]. Shipped fast [1][2]. Not [9].', [passage(1), passage(2, 'x'.repeat(500))]);

    expect(sut.map((p) => [p.marker, p.chunkId, p.documentId])).toEqual([
      [1, 'c1', 'd1'],
      [2, 'c2', 'd2'],
    ]);
    expect(sut[1].excerpt.length).toBeLessThanOrEqual(240);
  });

  it('should cite nothing when the text cites nothing', () => {
    expect(citedPassages('No markers.', [passage(1)])).toEqual([]);
  });
});
