import { parseContentType } from './content-type';
import { htmlToMarkdown } from './html-to-markdown';
import { IntakeError } from './intake-error';
import { extractPdfText, type PdfTextOptions } from './pdf-text';
import { decodeText, normalizeWhitespace, sniffHtmlCharset } from './text-decoding';

export type DocumentFormat = 'html' | 'markdown' | 'pdf' | 'text';

export interface NormalizedDocument {
  title?: string;
  text: string;
  format: DocumentFormat;
}

export interface NormalizeOptions {
  pdf?: PdfTextOptions;
}

const FORMATS: Record<string, DocumentFormat> = {
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'text/markdown': 'markdown',
  'text/x-markdown': 'markdown',
  'text/plain': 'text',
  'application/pdf': 'pdf',
};

/**
 * A fetched document as the text intake chunks and embeds. HTML becomes Markdown of its main
 * content, Markdown stays Markdown (its syntax is kept: headings and lists are structure the
 * chunker splits on, and HTML sources arrive as Markdown too), PDF becomes its pages' text, and
 * every format leaves with the same whitespace rules so its content hash is stable.
 *
 * `contentType` may be a bare media type or a whole Content-Type header; `charset` wins over
 * the header's when both are given.
 */
export async function normalizeDocument(contentType: string, bytes: Uint8Array, charset?: string, options: NormalizeOptions = {}): Promise<NormalizedDocument> {
  const parsed = parseContentType(contentType);
  const format = FORMATS[parsed.mimeType];
  if (!format) throw new IntakeError('UNSUPPORTED_CONTENT_TYPE', `${parsed.mimeType || 'a missing content type'} is not a document type intake reads`);
  const declaredCharset = charset ?? parsed.charset;
  const document = await read(format, bytes, declaredCharset, options);
  if (!/[\p{L}\p{N}]/u.test(document.text)) throw new IntakeError('EMPTY_CONTENT', `the ${format} document holds no text`);
  return document;
}

async function read(format: DocumentFormat, bytes: Uint8Array, charset: string | undefined, options: NormalizeOptions): Promise<NormalizedDocument> {
  switch (format) {
    case 'html': {
      const { title, markdown } = htmlToMarkdown(decodeText(bytes, charset ?? sniffHtmlCharset(bytes)));
      return withTitle(title, { format, text: normalizeWhitespace(markdown, { collapseSpaces: false }) });
    }
    case 'markdown':
      return readMarkdown(decodeText(bytes, charset));
    case 'text':
      return { format, text: normalizeWhitespace(decodeText(bytes, charset), { collapseSpaces: true }) };
    case 'pdf': {
      const { title, pages } = await extractPdfText(bytes, options.pdf);
      const text = pages.map((page) => normalizeWhitespace(page, { collapseSpaces: true })).filter(Boolean).join('\n\n');
      return withTitle(title, { format, text });
    }
  }
}

const FRONT_MATTER = /^---\n([\s\S]*?)\n(?:---|\.\.\.)(?:\n|$)/;

/** YAML front matter is metadata, not content: its `title` is kept, the block is not. */
function readMarkdown(source: string): NormalizedDocument {
  const text = normalizeWhitespace(source, { collapseSpaces: false });
  const frontMatter = FRONT_MATTER.exec(text);
  const body = frontMatter ? normalizeWhitespace(text.slice(frontMatter[0].length), { collapseSpaces: false }) : text;
  const declared = frontMatter ? /^title:\s*["']?(.+?)["']?\s*$/m.exec(frontMatter[1])?.[1] : undefined;
  const heading = /^#\s+(.+?)\s*#*\s*$/m.exec(body)?.[1];
  return withTitle(declared ?? heading, { format: 'markdown', text: body });
}

function withTitle(title: string | undefined, document: NormalizedDocument): NormalizedDocument {
  const trimmed = title?.trim();
  return trimmed ? { title: trimmed, ...document } : document;
}
