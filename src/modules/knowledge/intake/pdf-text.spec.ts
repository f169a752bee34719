import { pdfDocument } from '../../../../test/support/intake-documents';
import { extractPdfText } from './pdf-text';

describe(extractPdfText.name, () => {
  it('should give the text of each page and the title', async () => {
    const pdf = await pdfDocument(['First page', 'Second page', 'Third page'], '  Spaced   title ');

    await expect(extractPdfText(pdf)).resolves.toEqual({ title: 'Spaced title', pages: ['First page', 'Second page', 'Third page'] });
  });

  it('should leave the caller its bytes', async () => {
    const pdf = await pdfDocument(['Kept']);
    const copy = Uint8Array.from(pdf);

    await extractPdfText(pdf);

    expect(pdf).toEqual(copy);
  });

  it('should give up a parse that outlives its deadline as unreadable', async () => {
    // A zero deadline fires before the worker has even loaded its parser.
    await expect(extractPdfText(await pdfDocument(['Late']), { timeoutMs: 0 })).rejects.toMatchObject({ category: 'UNREADABLE_DOCUMENT' });
  });
});
