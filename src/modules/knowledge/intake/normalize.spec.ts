import { ARTICLE_HTML, ARTICLE_NOISE, ARTICLE_PARAGRAPHS, LATIN1_TEXT, MARKDOWN_DOC, pdfDocument } from '../../../../test/support/intake-documents';
import { contentHash } from './content-hash';
import { IntakeError } from './intake-error';
import { normalizeDocument } from './normalize';

const utf8 = (text: string) => Buffer.from(text, 'utf8');

describe(normalizeDocument.name, () => {
  describe('html', () => {
    it('should keep the article as Markdown and drop the navigation, sidebar, footer and scripts', async () => {
      const sut = await normalizeDocument('text/html; charset=utf-8', utf8(ARTICLE_HTML));

      expect(sut.format).toBe('html');
      // Readability drops the site name the <title> carries.
      expect(sut.title).toBe('Solar storage on small farms');
      for (const paragraph of ARTICLE_PARAGRAPHS) expect(sut.text).toContain(paragraph);
      expect(sut.text).toContain('## What to ask an installer');
      expect(sut.text).toMatch(/^- +Which inverter firmware does the system run\?$/m);
      for (const noise of ARTICLE_NOISE) expect(sut.text).not.toContain(noise);
    });

    it('should keep link text and drop link targets', async () => {
      const sut = await normalizeDocument('text/html', utf8(ARTICLE_HTML));

      expect(sut.text).toContain('from batteries charged');
      expect(sut.text).not.toContain('/batteries');
    });

    it('should fall back to the whole body when Readability finds no article', async () => {
      const sut = await normalizeDocument('text/html', utf8('<html><head><title>Aside only</title></head><body><p></p><aside>Opening hours: 9 to 5.</aside></body></html>'));

      expect(sut).toEqual({ format: 'html', title: 'Aside only', text: 'Opening hours: 9 to 5.' });
    });

    it('should read the charset a page declares in a meta tag when none is given', async () => {
      const page = Buffer.from('<html><head><meta charset="iso-8859-1"><title>Caf\u00e9</title></head><body><p>Cr\u00e8me br\u00fbl\u00e9e.</p></body></html>', 'latin1');

      const sut = await normalizeDocument('text/html', page);

      expect(sut.title).toBe('Café');
      expect(sut.text).toBe('Crème brûlée.');
    });

    it('should read application/xhtml+xml as HTML', async () => {
      const sut = await normalizeDocument('application/xhtml+xml', utf8('<html><body><p>An XHTML page.</p></body></html>'));

      expect(sut).toMatchObject({ format: 'html', text: 'An XHTML page.' });
    });
  });

  describe('markdown', () => {
    it('should keep Markdown syntax, take the front matter title and normalise whitespace', async () => {
      const sut = await normalizeDocument('text/markdown', utf8(MARKDOWN_DOC));

      expect(sut).toEqual({ format: 'markdown', title: 'Irrigation handbook', text: '# Irrigation basics\n\nWater at dawn.\n\n- drip lines\n- soil sensors' });
    });

    it('should take the first heading as title when there is no front matter', async () => {
      const sut = await normalizeDocument('text/x-markdown', utf8('Intro line.\n\n# Pumps and pipes\n\n    indented code stays\n'));

      expect(sut).toEqual({ format: 'markdown', title: 'Pumps and pipes', text: 'Intro line.\n\n# Pumps and pipes\n\n    indented code stays' });
    });
  });

  describe('text', () => {
    it('should decode latin1 and normalise line endings and spaces', async () => {
      const sut = await normalizeDocument('text/plain', LATIN1_TEXT, 'iso-8859-1');

      expect(sut).toEqual({ format: 'text', text: 'Café crème à la française\nDeuxième ligne.\n\nTroisième paragraphe, déjà là.' });
    });

    it('should take the charset from the Content-Type header when none is passed', async () => {
      const sut = await normalizeDocument('text/plain; charset=latin1', LATIN1_TEXT);

      expect(sut.text.startsWith('Café crème')).toBe(true);
    });

    it('should decode UTF-8 by default and honour a byte-order mark', async () => {
      const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Grüße aus Köln', 'utf16le')]);

      expect((await normalizeDocument('text/plain', utf8('Grüße\u200b aus\u00a0Köln'))).text).toBe('Grüße aus Köln');
      expect((await normalizeDocument('text/plain', utf16, 'utf-8')).text).toBe('Grüße aus Köln');
    });

    it('should give equal text, and so an equal hash, for the same words in other line endings and compositions', async () => {
      const composed = await normalizeDocument('text/plain', utf8('Caf\u00e9\r\nline two  \n'));
      const decomposed = await normalizeDocument('text/plain', utf8('Cafe\u0301\nline two'));

      expect(contentHash(composed.text)).toBe(contentHash(decomposed.text));
    });
  });

  describe('pdf', () => {
    it('should extract the text of every page, in order, with the document title', async () => {
      const pdf = await pdfDocument(['Pump schedule for spring\nWater the east field at dawn.', 'Battery care in winter\nKeep the bank charged.'], 'Farm handbook');

      const sut = await normalizeDocument('application/pdf', pdf);

      expect(sut).toEqual({
        format: 'pdf',
        title: 'Farm handbook',
        text: 'Pump schedule for spring\nWater the east field at dawn.\n\nBattery care in winter\nKeep the bank charged.',
      });
    });

    it('should refuse a corrupt PDF as unreadable', async () => {
      const pdf = await pdfDocument(['Some text']);

      const failure = await normalizeDocument('application/pdf', pdf.subarray(0, 300)).catch((error: unknown) => error);

      expect(failure).toBeInstanceOf(IntakeError);
      expect(failure).toMatchObject({ category: 'UNREADABLE_DOCUMENT', statusCode: 422, retryable: false });
    });

    it('should refuse bytes that are no PDF at all as unreadable', async () => {
      await expect(normalizeDocument('application/pdf', utf8('<html>not a pdf</html>'))).rejects.toMatchObject({ category: 'UNREADABLE_DOCUMENT' });
    });

    it('should refuse a PDF without text as empty', async () => {
      await expect(normalizeDocument('application/pdf', await pdfDocument(['']))).rejects.toMatchObject({ category: 'EMPTY_CONTENT', statusCode: 422, retryable: false });
    });
  });

  it.each([
    ['text/plain', utf8('  \r\n\u200b\n  ')],
    ['text/markdown', utf8('---\ntitle: Only front matter\n---\n')],
    ['text/html', utf8('<html><body><script>var only = "code";</script></body></html>')],
  ])('should refuse a %s document without text as EMPTY_CONTENT', async (contentType, bytes) => {
    const failure = await normalizeDocument(contentType, bytes).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(IntakeError);
    expect(failure).toMatchObject({ category: 'EMPTY_CONTENT', statusCode: 422, retryable: false });
  });

  it('should refuse a content type it does not read', async () => {
    await expect(normalizeDocument('application/json', utf8('{}'))).rejects.toMatchObject({ category: 'UNSUPPORTED_CONTENT_TYPE', statusCode: 415 });
  });
});
