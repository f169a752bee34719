/** The media types intake reads; anything else is refused before its body is downloaded. */
export const DOCUMENT_CONTENT_TYPES = [
  'text/html',
  'application/xhtml+xml',
  'text/plain',
  'text/markdown',
  'text/x-markdown',
  'application/pdf',
] as const;

export type DocumentContentType = (typeof DOCUMENT_CONTENT_TYPES)[number];

export interface ParsedContentType {
  /** Lower-cased type/subtype without parameters, '' when the header is absent. */
  mimeType: string;
  charset?: string;
}

/** Splits a Content-Type header (RFC 9110 §8.3) into its media type and charset parameter. */
export function parseContentType(header: string | undefined): ParsedContentType {
  if (!header) return { mimeType: '' };
  const [type, ...parameters] = header.split(';');
  const mimeType = type.trim().toLowerCase();
  for (const parameter of parameters) {
    const [name, value] = parameter.split('=', 2).map((part) => part.trim());
    if (name.toLowerCase() === 'charset' && value) return { mimeType, charset: value.replace(/^"(.*)"$/, '$1').toLowerCase() };
  }
  return { mimeType };
}

export function isDocumentContentType(mimeType: string): mimeType is DocumentContentType {
  return (DOCUMENT_CONTENT_TYPES as readonly string[]).includes(mimeType);
}
