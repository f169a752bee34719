import { TextDecoder } from 'node:util';

/**
 * Bytes to text. A byte-order mark wins over any declared charset (as in the WHATWG encoding
 * standard); an unknown or missing label falls back to UTF-8, and undecodable bytes become U+FFFD
 * rather than failing the document. 'latin1' and 'iso-8859-1' decode as windows-1252, their
 * superset, as browsers do.
 */
export function decodeText(bytes: Uint8Array, charset?: string): string {
  const label = bomEncoding(bytes) ?? charset?.trim().toLowerCase() ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label);
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  return decoder.decode(bytes);
}

function bomEncoding(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return undefined;
}

/**
 * The charset an HTML page declares in its first 1024 bytes (`<meta charset>` or the http-equiv
 * form), for pages served without one in Content-Type: the same prescan window browsers use.
 */
export function sniffHtmlCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  const match = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  return match?.[1].toLowerCase();
}

// Zero-width characters and controls other than tab and newline carry no meaning for retrieval
// and make equal texts hash differently.
// eslint-disable-next-line no-control-regex -- control characters are what this strips
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200d\u2060\ufeff]/g;
const UNICODE_SPACES = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g;

export interface WhitespaceOptions {
  /** Collapse runs of spaces and tabs inside lines (text and PDF); Markdown keeps its indentation. */
  collapseSpaces: boolean;
}

/**
 * One form for equal content: NFC, LF line endings, no trailing spaces, at most one blank line
 * between paragraphs, no leading or trailing blank lines. The content hash is taken of this form,
 * so a page re-served with CRLF or a different composition of 'é' is recognised as unchanged.
 */
export function normalizeWhitespace(text: string, options: WhitespaceOptions): string {
  let result = text.normalize('NFC').replace(/\r\n?/g, '\n').replace(INVISIBLE, '').replace(UNICODE_SPACES, ' ');
  if (options.collapseSpaces) result = result.replace(/[ \t]+/g, ' ').replace(/^ /gm, '');
  return result
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+|\n+$/g, '');
}
