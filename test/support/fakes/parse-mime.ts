/** What the email fakes read back from a received RFC 822 message. */
export interface ParsedMessage {
  /** Lower-cased names, folded lines joined, RFC 2047 encoded words decoded. */
  headers: Record<string, string>;
  text?: string;
  html?: string;
}

/**
 * Just enough MIME to check what a provider sent (headers, text and html parts, 7bit,
 * quoted-printable or base64): a full parser (mailparser) would pull ten packages into the
 * test tree for what these few dozen lines do.
 */
export function parseMime(raw: string): ParsedMessage {
  const parsed: ParsedMessage = { headers: {} };
  collect(raw, parsed, true);
  return parsed;
}

function collect(entity: string, into: ParsedMessage, top: boolean): void {
  const split = entity.search(/\r?\n\r?\n/);
  const head = split < 0 ? entity : entity.slice(0, split);
  const body = split < 0 ? '' : entity.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers = parseHeaders(head);
  if (top) into.headers = headers;
  const type = (headers['content-type'] ?? 'text/plain').toLowerCase();
  const boundary = /boundary="?([^";]+)"?/i.exec(headers['content-type'] ?? '')?.[1];
  if (type.startsWith('multipart/') && boundary) {
    const parts = body.split(`--${boundary}`).slice(1);
    for (const part of parts) if (!part.startsWith('--')) collect(part.replace(/^\r?\n/, ''), into, false);
    return;
  }
  const content = decodeBody(body, headers['content-transfer-encoding']);
  if (type.startsWith('text/html')) into.html ??= content;
  else if (type.startsWith('text/plain')) into.text ??= content;
}

function parseHeaders(head: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = decodeWords(line.slice(colon + 1).trim());
  }
  return headers;
}

/** RFC 2047: =?charset?Q|B?text?= (adjacent encoded words are joined without their space). */
function decodeWords(value: string): string {
  return value.replace(/\?=\s+=\?/g, '?==?').replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_m, _charset: string, encoding: string, text: string) =>
    encoding.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuotedPrintable(text.replace(/_/g, ' ')),
  );
}

function decodeBody(body: string, encoding = '7bit'): string {
  const trimmed = body.replace(/\r?\n$/, '');
  if (/base64/i.test(encoding)) return Buffer.from(trimmed.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/quoted-printable/i.test(encoding)) return decodeQuotedPrintable(trimmed.replace(/=\r?\n/g, ''));
  return trimmed.replace(/\r\n/g, '\n');
}

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text[i] === '=' ? /^[0-9A-Fa-f]{2}$/.exec(text.slice(i + 1, i + 3))?.[0] : undefined;
    if (hex) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8').replace(/\r\n/g, '\n');
}
