import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import TurndownService from 'turndown';

export interface HtmlContent {
  title?: string;
  markdown: string;
}

/**
 * Turndown rather than html-to-text: Markdown keeps headings, lists and code blocks as structure
 * the chunker splits on and a model reads, and it makes HTML and Markdown sources one format
 * downstream. Links keep their text and lose their URLs, and images are dropped: URLs spend
 * tokens in every chunk without helping retrieval.
 */
function createTurndown(): TurndownService {
  const turndown = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-', hr: '---' });
  turndown.remove(['script', 'style', 'noscript', 'template', 'iframe', 'svg', 'canvas', 'form']);
  turndown.addRule('linkText', { filter: 'a', replacement: (content) => content });
  turndown.addRule('noImages', { filter: ['img', 'picture'], replacement: () => '' });
  return turndown;
}

/**
 * The main content of a page as Markdown: Mozilla's Readability (Firefox Reader View's
 * extraction) over linkedom, a light DOM without layout, which is all Readability reads. When
 * Readability finds no article (a short page, a listing), the whole body is kept instead, so a
 * page with text never normalises to nothing.
 */
export function htmlToMarkdown(html: string): HtmlContent {
  const turndown = createTurndown();
  // Readability rewrites the document it reads, so the fallback parses the page afresh.
  const article = new Readability(parseDocument(html), { keepClasses: false }).parse();
  const articleMarkdown = article?.content ? turndown.turndown(article.content).trim() : '';
  const page = parseHTML(html).document;
  const title = cleanTitle(article?.title) ?? cleanTitle(page.title);
  if (articleMarkdown) return { title, markdown: articleMarkdown };
  const body = page.body?.innerHTML ?? '';
  return { title, markdown: body ? turndown.turndown(body).trim() : '' };
}

type ReadableDocument = ConstructorParameters<typeof Readability>[0];

function parseDocument(html: string): ReadableDocument {
  // linkedom's Document implements the parts of the DOM Readability touches, not the full type.
  return parseHTML(html).document as unknown as ReadableDocument;
}

function cleanTitle(title: string | null | undefined): string | undefined {
  const trimmed = title?.replace(/\s+/g, ' ').trim();
  return trimmed ? trimmed : undefined;
}
