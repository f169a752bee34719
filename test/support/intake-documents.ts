import { PDFDocument, StandardFonts } from 'pdf-lib';

/**
 * Documents for intake tests, each with what normalising it must keep and drop. The article's
 * paragraphs are long enough for Readability to pick the article over the page's navigation.
 */
export const ARTICLE_PARAGRAPHS = [
  'Solar storage changed how small farms plan their water. A pump that once ran only at noon now runs at dawn, when the soil takes water best, from batteries charged the day before.',
  'The cost of a battery bank fell by half in four years. Farmers who priced a system in 2021 and walked away found the same capacity at a price their co-operative could carry.',
  'Maintenance is the part nobody advertises. Terminals corrode, inverters need firmware, and a bank left discharged through a winter loses a share of its capacity for good.',
  'Co-operatives that share one technician across twenty farms report the fewest failures. The technician sees every site each month and replaces parts before they fail in the field.',
];

export const ARTICLE_HTML = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Solar storage on small farms | Field Notes</title>
<script>window.analytics = { track() {} };</script><style>nav { color: red }</style></head>
<body>
  <header><nav class="menu"><a href="/">Home</a> <a href="/about">About us</a> <a href="/shop">Shop</a> <a href="/login">Log in</a></nav></header>
  <aside class="sidebar"><h3>Popular</h3><ul><li><a href="/a">Ten tractors ranked</a></li><li><a href="/b">Seed prices this week</a></li></ul></aside>
  <main>
    <article>
      <h1>Solar storage on small farms</h1>
      ${ARTICLE_PARAGRAPHS.map((text) => `<p>${text.replace('batteries', '<a href="/batteries">batteries</a>')}</p>`).join('\n      ')}
      <h2>What to ask an installer</h2>
      <ul><li>Which inverter firmware does the system run?</li><li>Who replaces the terminals?</li></ul>
    </article>
  </main>
  <footer class="site-footer"><p>Copyright 2026 Field Notes Ltd. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body>
</html>`;

/** Words only the page's chrome holds: none may survive extraction. */
export const ARTICLE_NOISE = ['About us', 'Log in', 'Ten tractors ranked', 'Copyright 2026', 'Privacy policy', 'analytics'];

/** CRLF line endings, front matter and trailing spaces: all normalised away. */
export const MARKDOWN_DOC = ['---', 'title: "Irrigation handbook"', 'tags: [water]', '---', '', '# Irrigation basics   ', '', 'Water at dawn.  ', '', '', '', '- drip lines', '- soil sensors', ''].join('\r\n');

export const LATIN1_TEXT = Buffer.from('Café crème   à la française\r\nDeuxième ligne.\r\n\r\n\r\nTroisième   paragraphe, déjà là.', 'latin1');

/** A real PDF, one page per string, drawn with a standard font so its text is extractable. */
export async function pdfDocument(pages: string[], title?: string): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  if (title) document.setTitle(title);
  const font = await document.embedFont(StandardFonts.Helvetica);
  for (const text of pages) {
    const page = document.addPage([595, 842]);
    text.split('\n').forEach((line, index) => page.drawText(line, { x: 50, y: 780 - index * 18, size: 12, font }));
  }
  // A fixed date keeps the bytes, and so any hash of them, the same on every run.
  document.setCreationDate(new Date('2026-01-01T00:00:00Z'));
  document.setModificationDate(new Date('2026-01-01T00:00:00Z'));
  return document.save();
}
