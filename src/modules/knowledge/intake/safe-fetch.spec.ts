import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { DocumentServer } from '../../../../test/support/fakes/document-server';
import { ARTICLE_HTML, ARTICLE_PARAGRAPHS, LATIN1_TEXT, MARKDOWN_DOC, pdfDocument } from '../../../../test/support/intake-documents';
import { IntakeError } from './intake-error';
import { normalizeDocument } from './normalize';
import { safeFetch, type SafeFetchOptions } from './safe-fetch';

const FETCHED_AT = new Date('2026-12-01T08:00:00Z');
/** The test site is on 127.0.0.1: successful fetches allow that one address and nothing else private. */
const LOCAL: SafeFetchOptions = { allowedAddressRanges: ['127.0.0.1/32'], now: () => FETCHED_AT };

async function failureOf(promise: Promise<unknown>): Promise<IntakeError> {
  const failure = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(failure instanceof IntakeError)) throw new Error(`expected an IntakeError, got ${String(failure)}`);
  return failure;
}

/** Streams `total` bytes in 64 KiB chunks without a Content-Length, stopping when the client goes away. */
function streamWithoutLength(total: number, written: { bytes: number }) {
  return (_request: unknown, response: import('node:http').ServerResponse) => {
    response.writeHead(200, { 'content-type': 'text/plain' });
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const pump = () => {
      while (written.bytes < total && !response.destroyed) {
        written.bytes += chunk.length;
        if (!response.write(chunk)) return void response.once('drain', pump);
      }
      if (!response.destroyed) response.end();
    };
    response.on('close', () => response.removeAllListeners('drain'));
    pump();
  };
}

describe(safeFetch.name, () => {
  let site: DocumentServer;
  const streamed = { bytes: 0 };
  let onSlowRequest: () => void = () => undefined;

  beforeAll(async () => {
    const pdf = await pdfDocument(['Intake over HTTP\nA PDF served by the test site.'], 'Served PDF');
    site = await new DocumentServer()
      .serve('/article', 'text/html; charset=utf-8', ARTICLE_HTML)
      .serve('/handbook.md', 'text/markdown; charset=utf-8', MARKDOWN_DOC)
      .serve('/notes.txt', 'text/plain; charset=ISO-8859-1', LATIN1_TEXT)
      .serve('/manual.pdf', 'application/pdf', pdf)
      .serve('/data.json', 'application/json', '{"not":"a document"}')
      .serve('/unlabelled', '', 'no content type')
      .serve('/compressed', 'text/plain; charset=utf-8', gzipSync(Buffer.from('Compressed words.')), { 'content-encoding': 'gzip' })
      .serve('/declared-huge', 'text/plain', 'x'.repeat(2048))
      .route('/endless', streamWithoutLength(64 * 1024 * 1024, streamed))
      .route('/slow', (_request, response) => {
        // Headers and a first chunk, then nothing: the body never ends.
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.write('The first words arrive, ');
        onSlowRequest();
      })
      .route('/busy', (_request, response) => {
        response.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '7' });
        response.end('busy');
      })
      .route('/limited', (_request, response) => {
        response.writeHead(429, { 'retry-after': '2' });
        response.end();
      })
      .start();
    site
      .redirect('/hop/1', '/hop/2')
      .redirect('/hop/2', '/hop/3', 301)
      .redirect('/hop/3', site.url('/article'), 307)
      .redirect('/to-private', 'http://10.0.0.1/admin')
      .redirect('/to-metadata', 'http://[::ffff:169.254.169.254]/latest/meta-data/')
      .redirect('/to-other-loopback', `http://127.0.0.2:${site.port}/article`)
      .redirect('/to-internal-name', `http://internal.intake.test:${site.port}/article`)
      .redirect('/to-file', 'file:///etc/passwd')
      .route('/no-location', (_request, response) => {
        response.writeHead(302);
        response.end();
      });
  });

  afterAll(() => site.stop());

  beforeEach(() => {
    site.seen.length = 0;
    streamed.bytes = 0;
    onSlowRequest = () => undefined;
  });

  describe('documents', () => {
    it('should fetch an HTML page with its content type, charset, bytes and time', async () => {
      const sut = await safeFetch(site.url('/article'), LOCAL);

      expect(sut).toEqual({ finalUrl: site.url('/article'), contentType: 'text/html', charset: 'utf-8', bytes: Buffer.from(ARTICLE_HTML), fetchedAt: FETCHED_AT });
      expect(site.seen[0].headers.accept).toContain('text/html');
    });

    it('should fetch an article that normalises to its text without the page around it', async () => {
      const fetched = await safeFetch(site.url('/article'), LOCAL);

      const sut = await normalizeDocument(fetched.contentType, fetched.bytes, fetched.charset);

      expect(sut.text.startsWith(ARTICLE_PARAGRAPHS[0])).toBe(true);
      expect(sut.text).not.toContain('Copyright');
    });

    it('should fetch a Markdown file', async () => {
      const sut = await safeFetch(site.url('/handbook.md'), LOCAL);

      expect(sut).toMatchObject({ contentType: 'text/markdown', charset: 'utf-8' });
      expect((await normalizeDocument(sut.contentType, sut.bytes, sut.charset)).title).toBe('Irrigation handbook');
    });

    it('should fetch a latin1 text with its charset', async () => {
      const sut = await safeFetch(site.url('/notes.txt'), LOCAL);

      expect(sut).toMatchObject({ contentType: 'text/plain', charset: 'iso-8859-1', bytes: LATIN1_TEXT });
      expect((await normalizeDocument(sut.contentType, sut.bytes, sut.charset)).text).toContain('Deuxième ligne.');
    });

    it('should fetch a PDF', async () => {
      const sut = await safeFetch(site.url('/manual.pdf'), LOCAL);

      expect(sut.contentType).toBe('application/pdf');
      expect(sut.charset).toBeUndefined();
      expect(await normalizeDocument(sut.contentType, sut.bytes)).toEqual({ format: 'pdf', title: 'Served PDF', text: 'Intake over HTTP\nA PDF served by the test site.' });
    });

    it('should decode a gzip-coded body', async () => {
      const sut = await safeFetch(site.url('/compressed'), LOCAL);

      expect(sut.bytes.toString('utf8')).toBe('Compressed words.');
    });
  });

  describe('limits', () => {
    it('should stop reading a body without Content-Length past maxBytes', async () => {
      const failure = await failureOf(safeFetch(site.url('/endless'), { ...LOCAL, maxBytes: 256 * 1024 }));

      expect(failure).toMatchObject({ category: 'TOO_LARGE', statusCode: 413, retryable: false });
      // The server stopped when the client hung up, far short of the 64 MiB it would have sent.
      expect(streamed.bytes).toBeLessThan(64 * 1024 * 1024);
    });

    it('should refuse a declared Content-Length over maxBytes', async () => {
      await expect(safeFetch(site.url('/declared-huge'), { ...LOCAL, maxBytes: 1024 })).rejects.toMatchObject({ category: 'TOO_LARGE' });
    });

    it('should give up on a body that stops arriving as TIMEOUT', async () => {
      const failure = await failureOf(safeFetch(site.url('/slow'), { ...LOCAL, timeoutMs: 200 }));

      expect(failure).toMatchObject({ category: 'TIMEOUT', statusCode: 504, retryable: true });
    });

    it("should end as CANCELLED when the caller's signal aborts", async () => {
      const caller = new AbortController();
      onSlowRequest = () => caller.abort();

      const failure = await failureOf(safeFetch(site.url('/slow'), { ...LOCAL, signal: caller.signal }));

      expect(failure).toMatchObject({ category: 'CANCELLED', retryable: false });
    });

    it('should not start when the signal has already aborted', async () => {
      await expect(safeFetch(site.url('/article'), { ...LOCAL, signal: AbortSignal.abort() })).rejects.toMatchObject({ category: 'CANCELLED' });
      expect(site.seen).toHaveLength(0);
    });

    it.each(['/data.json', '/unlabelled'])('should refuse %s, which is no document type', async (path) => {
      const failure = await failureOf(safeFetch(site.url(path), LOCAL));

      expect(failure).toMatchObject({ category: 'UNSUPPORTED_CONTENT_TYPE', statusCode: 415, retryable: false });
    });
  });

  describe('redirects', () => {
    it('should follow redirects within the limit to the final URL', async () => {
      const sut = await safeFetch(site.url('/hop/1'), { ...LOCAL, maxRedirects: 3 });

      expect(sut.finalUrl).toBe(site.url('/article'));
      expect(site.seen.map((request) => request.path)).toEqual(['/hop/1', '/hop/2', '/hop/3', '/article']);
    });

    it('should refuse a redirect chain past the limit', async () => {
      const failure = await failureOf(safeFetch(site.url('/hop/1'), { ...LOCAL, maxRedirects: 2 }));

      expect(failure).toMatchObject({ category: 'TOO_MANY_REDIRECTS', retryable: false });
      expect(site.seen.map((request) => request.path)).toEqual(['/hop/1', '/hop/2', '/hop/3']);
    });

    it.each(['/to-private', '/to-metadata', '/to-other-loopback', '/to-internal-name'])('should refuse the redirect %s to a private address without requesting it', async (path) => {
      // The internal name resolves to a private address: refused in the lookup, so never connected to.
      const resolveHost = async (hostname: string) => [{ address: hostname === 'internal.intake.test' ? '10.0.0.1' : '127.0.0.1', family: 4 }];

      const failure = await failureOf(safeFetch(site.url(path), { ...LOCAL, resolveHost }));

      expect(failure).toMatchObject({ category: 'BLOCKED_ADDRESS', statusCode: 400, retryable: false });
      expect(site.seen.map((request) => request.path)).toEqual([path]);
    });

    it('should refuse a redirect to another scheme', async () => {
      await expect(safeFetch(site.url('/to-file'), LOCAL)).rejects.toMatchObject({ category: 'INVALID_URL' });
    });

    it('should refuse a redirect without a Location', async () => {
      await expect(safeFetch(site.url('/no-location'), LOCAL)).rejects.toMatchObject({ category: 'UPSTREAM_STATUS', retryable: false });
    });
  });

  describe('addresses', () => {
    it('should refuse the local site without an option that allows it, before any request', async () => {
      const byAddress = await failureOf(safeFetch(site.url('/article')));
      const byName = await failureOf(safeFetch(`http://localhost:${site.port}/article`));

      expect(byAddress).toMatchObject({ category: 'BLOCKED_ADDRESS', statusCode: 400, retryable: false });
      expect(byName).toMatchObject({ category: 'BLOCKED_ADDRESS' });
      expect(site.seen).toHaveLength(0);
    });

    it('should reach the local site with allowPrivateAddresses', async () => {
      const sut = await safeFetch(`http://localhost:${site.port}/article`, { allowPrivateAddresses: true });

      expect(sut.contentType).toBe('text/html');
    });

    it('should connect to the address its own lookup checked', async () => {
      const resolveHost = async () => [{ address: '127.0.0.1', family: 4 }];

      const sut = await safeFetch(`http://docs.intake.test:${site.port}/article`, { ...LOCAL, resolveHost });

      expect(sut.finalUrl).toBe(`http://docs.intake.test:${site.port}/article`);
      expect(site.seen[0].host).toBe(`docs.intake.test:${site.port}`);
    });

    it('should refuse a host with any private address among its answers', async () => {
      const resolveHost = async () => [
        { address: '127.0.0.1', family: 4 },
        { address: '10.0.0.1', family: 4 },
      ];

      await expect(safeFetch(`http://rebind.intake.test:${site.port}/article`, { ...LOCAL, resolveHost })).rejects.toMatchObject({ category: 'BLOCKED_ADDRESS' });
      expect(site.seen).toHaveLength(0);
    });

    it.each(['not a url', 'ftp://127.0.0.1/file', 'http://user:secret@127.0.0.1/'])('should refuse %p as INVALID_URL', async (url) => {
      await expect(safeFetch(url, LOCAL)).rejects.toMatchObject({ category: 'INVALID_URL', statusCode: 400, retryable: false });
    });
  });

  describe('answers', () => {
    it('should refuse a 404 as not retryable', async () => {
      const failure = await failureOf(safeFetch(site.url('/missing'), LOCAL));

      expect(failure).toMatchObject({ category: 'UPSTREAM_STATUS', retryable: false, details: { upstreamStatus: 404 } });
    });

    it('should report a 503 as retryable with its Retry-After', async () => {
      const failure = await failureOf(safeFetch(site.url('/busy'), LOCAL));

      expect(failure).toMatchObject({ category: 'UPSTREAM_STATUS', retryable: true, details: { upstreamStatus: 503, retryAfterMs: 7000 } });
      expect(failure.headers['Retry-After']).toBe('7');
    });

    it('should report a 429 as retryable', async () => {
      await expect(safeFetch(site.url('/limited'), LOCAL)).rejects.toMatchObject({ retryable: true, details: { upstreamStatus: 429, retryAfterMs: 2000 } });
    });

    it('should report a refused connection as NETWORK', async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const { port } = closed.address() as AddressInfo;
      await new Promise<void>((resolve) => closed.close(() => resolve()));

      const failure = await failureOf(safeFetch(`http://127.0.0.1:${port}/`, LOCAL));

      expect(failure).toMatchObject({ category: 'NETWORK', retryable: true });
    });
  });
});
