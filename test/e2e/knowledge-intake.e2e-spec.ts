import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '../../src/config/app-config';
import { IntakeError } from '../../src/modules/knowledge/intake/intake-error';
import { IntakeSweeper } from '../../src/modules/knowledge/pipeline/intake-sweeper';
import { SourceFetcher } from '../../src/modules/knowledge/pipeline/source-fetcher';
import { WorkerModule } from '../../src/worker.module';
import { bearer } from '../support/app';
import { useE2eApp } from '../support/e2e-context';
import { DocumentServer } from '../support/fakes/document-server';
import { ARTICLE_HTML, ARTICLE_NOISE, ARTICLE_PARAGRAPHS, pdfDocument } from '../support/intake-documents';
import { pollUntil } from '../support/poll';
import { DisposableRedis } from '../support/redis-server';

interface DocumentView {
  id: string;
  status: string;
  version: number;
  title: string | null;
  chunkCount: number;
  contentHash: string | null;
  error: { class: string; message: string } | null;
}

/**
 * Intake end to end: URLs served by a local web site on 127.0.0.1 (this file's API allows private
 * URLs, as a test must; one test shows the default refusing them), an HTML page, a PDF, a Markdown
 * text; re-ingesting unchanged content changes nothing, changed content is a new version whose
 * chunks replace the old ones, and a failed fetch says why.
 */
describe('Knowledge intake', () => {
  const site = new DocumentServer();
  let redis: DisposableRedis;
  beforeAll(async () => {
    redis = await DisposableRedis.create();
    await Promise.all([redis.start(), site.start()]);
  });
  const sut = useE2eApp({ config: () => ({ redisUrl: redis.url, knowledge: { ...loadConfig({}).knowledge, allowPrivateUrls: true, chunkTokens: 64, chunkOverlap: 8 } }) });
  let worker: INestApplicationContext | undefined;
  beforeAll(async () => {
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(sut.config), { logger: false });
    await worker.init();
  });
  afterAll(async () => {
    await worker?.close();
    await Promise.all([redis?.stop(), site.stop()]);
  });

  let datasetId: string;
  beforeAll(async () => {
    datasetId = (await sut.http.post('/v1/datasets').set(bearer(sut.apiKey)).send({ name: 'Intake' }).expect(201)).body.id;
  });

  const submit = async (body: object): Promise<DocumentView> => (await sut.http.post(`/v1/datasets/${datasetId}/documents`).set(bearer(sut.apiKey)).send(body).expect(202)).body;
  const read = async (id: string): Promise<DocumentView> => (await sut.http.get(`/v1/datasets/${datasetId}/documents/${id}`).set(bearer(sut.apiKey)).expect(200)).body;
  const untilResting = (id: string) => pollUntil(() => read(id), (d) => d.status === 'READY' || d.status === 'FAILED', { what: `document ${id} to be READY or FAILED`, timeoutMs: 20_000 });
  const chunksOf = async (id: string) =>
    (await sut.sql.query<{ id: string; document_version: number; text: string }>('SELECT id, document_version, text FROM chunks WHERE document_id = $1 ORDER BY position', [id])).rows;
  const search = async (query: string) => (await sut.http.post(`/v1/datasets/${datasetId}/search`).set(bearer(sut.apiKey)).send({ query, k: 3 }).expect(200)).body.passages;

  it("should fetch an HTML page by URL, keep its article and drop the page's chrome", async () => {
    site.serve('/solar.html', 'text/html; charset=utf-8', ARTICLE_HTML);
    const posted = await submit({ url: site.url('/solar.html') });
    expect(posted).toMatchObject({ status: 'PENDING', version: 0 });

    const ready = await untilResting(posted.id);
    expect(ready).toMatchObject({ status: 'READY', version: 1, title: 'Solar storage on small farms', error: null });
    expect(ready.chunkCount).toBeGreaterThan(1);
    const text = (await chunksOf(posted.id)).map((c) => c.text).join('\n');
    for (const paragraph of ARTICLE_PARAGRAPHS) expect(text).toContain(paragraph.slice(0, 40));
    for (const noise of ARTICLE_NOISE) expect(text).not.toContain(noise);
    const raw = await sut.sql.query('SELECT raw_content FROM documents WHERE id = $1', [posted.id]);
    expect(raw.rows[0].raw_content).toBeNull();

    const passages = await search('which technician replaces parts before they fail');
    expect(passages[0]).toMatchObject({ documentId: posted.id, sourceUrl: site.url('/solar.html') });
    expect(passages[0].text).toContain('technician');
  });

  it('should read a PDF, served by URL, page by page', async () => {
    site.serve('/roasting.pdf', 'application/pdf', await pdfDocument(['Roast curves for light coffees.', 'Cooling trays stop the roast within four minutes.'], 'Roasting manual'));
    const ready = await untilResting((await submit({ url: site.url('/roasting.pdf') })).id);
    expect(ready).toMatchObject({ status: 'READY', title: 'Roasting manual' });
    const text = (await chunksOf(ready.id)).map((c) => c.text).join('\n');
    expect(text).toContain('Roast curves for light coffees.');
    expect(text).toContain('Cooling trays stop the roast within four minutes.');
  });

  it('should take an uploaded PDF in', async () => {
    const pdf = await pdfDocument(['Warranty: grinders are covered for two years.']);
    const posted = await sut.http
      .post(`/v1/datasets/${datasetId}/documents`)
      .set(bearer(sut.apiKey))
      .attach('file', Buffer.from(pdf), { filename: 'warranty.pdf', contentType: 'application/pdf' })
      .expect(202);
    expect(await untilResting(posted.body.id)).toMatchObject({ status: 'READY', chunkCount: 1 });
    expect((await chunksOf(posted.body.id))[0].text).toContain('grinders are covered for two years');
  });

  it('should take an upload larger than BODY_LIMIT_BYTES, which bounds JSON bodies only', async () => {
    const big = Buffer.alloc(sut.config.bodyLimitBytes + 1024, 'Brew. ');
    const posted = await sut.http
      .post(`/v1/datasets/${datasetId}/documents`)
      .set(bearer(sut.apiKey))
      .attach('file', big, { filename: 'big.txt', contentType: 'text/plain' })
      .expect(202);
    await sut.http.delete(`/v1/datasets/${datasetId}/documents/${posted.body.id}`).set(bearer(sut.apiKey)).expect(204);
  });

  it('should read a Markdown text, keeping its structure, and take its title from the request', async () => {
    const ready = await untilResting((await submit({ title: 'Cold brew', text: '# Cold brew\r\n\r\n- 100 g coarse coffee\r\n- 1 l cold water\r\n\r\nSteep for 16 hours.' })).id);
    expect(ready).toMatchObject({ status: 'READY', title: 'Cold brew', version: 1 });
    expect((await chunksOf(ready.id))[0].text).toBe('# Cold brew\n\n- 100 g coarse coffee\n- 1 l cold water\n\nSteep for 16 hours.');
  });

  it('should do nothing when unchanged content is ingested again, and make a new version of changed content', async () => {
    let page = '<html><head><title>Opening hours</title></head><body><article><p>The cafe opens at seven every morning and closes at six.</p></article></body></html>';
    site.route('/hours.html', (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(page);
    });
    const first = await untilResting((await submit({ url: site.url('/hours.html') })).id);
    const chunks = await chunksOf(first.id);
    expect(first).toMatchObject({ status: 'READY', version: 1 });

    // The same URL again: the same document, fetched again, found unchanged.
    const again = await submit({ url: site.url('/hours.html') });
    expect(again).toMatchObject({ id: first.id, status: 'PENDING', version: 1 });
    const unchanged = await untilResting(first.id);
    expect(unchanged).toMatchObject({ status: 'READY', version: 1, contentHash: first.contentHash, chunkCount: first.chunkCount });
    expect(await chunksOf(first.id)).toEqual(chunks);
    expect(site.seen.filter((r) => r.path === '/hours.html')).toHaveLength(2);

    page = page.replace('seven', 'eight');
    await submit({ url: site.url('/hours.html') });
    const changed = await pollUntil(() => read(first.id), (d) => d.status === 'READY' && d.version === 2, { what: 'version 2 to be READY', timeoutMs: 20_000 });
    expect(changed.contentHash).not.toBe(first.contentHash);
    const replaced = await chunksOf(first.id);
    expect(replaced.map((c) => c.document_version)).toEqual(replaced.map(() => 2));
    expect(replaced.map((c) => c.text).join()).toContain('opens at eight');
    expect((await search('when does the cafe open'))[0].text).toContain('eight');
  });

  it('should end a document FAILED, saying why, when its source answers 404; sending it again retries', async () => {
    const failed = await untilResting((await submit({ url: site.url('/missing.html') })).id);
    expect(failed).toMatchObject({ status: 'FAILED', version: 0, chunkCount: 0, error: { class: 'IntakeError:UPSTREAM_STATUS', message: 'source answered 404' } });

    site.serve('/missing.html', 'text/plain', 'Found after all: the lost page about decaf.');
    const retried = await submit({ url: site.url('/missing.html') });
    expect(retried).toMatchObject({ id: failed.id, status: 'PENDING', error: null });
    expect(await untilResting(failed.id)).toMatchObject({ status: 'READY', version: 1, error: null });
  });

  it('should refuse a document of a type intake does not read, FAILED with the type named', async () => {
    site.serve('/logo.png', 'image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    const failed = await untilResting((await submit({ url: site.url('/logo.png') })).id);
    expect(failed.error).toEqual({ class: 'IntakeError:UNSUPPORTED_CONTENT_TYPE', message: expect.stringContaining('image/png') });
  });

  it('should answer 409 while a document is still being ingested', async () => {
    let answer = (): void => undefined;
    // Answers only when told: until then the fetch stays in flight.
    site.route('/slow.html', (_request, response) => (answer = () => response.writeHead(200, { 'content-type': 'text/plain' }).end('late')));
    const posted = await submit({ url: site.url('/slow.html') });
    await pollUntil(() => read(posted.id), (d) => d.status === 'FETCHING', { what: 'the fetch to start' });
    const res = await sut.http.post(`/v1/datasets/${datasetId}/documents`).set(bearer(sut.apiKey)).send({ url: site.url('/slow.html') }).expect(409);
    expect(res.body.message).toContain('is being ingested (FETCHING)');

    // Deleted mid-fetch: the fetch's result finds no document and is dropped.
    await sut.http.delete(`/v1/datasets/${datasetId}/documents/${posted.id}`).set(bearer(sut.apiKey)).expect(204);
    answer();
    await sut.http.get(`/v1/datasets/${datasetId}/documents/${posted.id}`).set(bearer(sut.apiKey)).expect(404);
  });

  it('should give a document whose job was lost its job back', async () => {
    const { rows } = await sut.sql.query(
      `INSERT INTO documents (organization_id, dataset_id, source, title, mime_type, raw_content, status, updated_at)
       VALUES ($1, $2, 'TEXT', 'Orphan', 'text/plain', convert_to('Decaf is roasted on Tuesdays.', 'UTF8'), 'PENDING', now() - interval '10 minutes') RETURNING id`,
      [sut.organizationId, datasetId],
    );
    expect(await worker!.get(IntakeSweeper).sweep()).toBeGreaterThanOrEqual(1);
    expect(await untilResting(rows[0].id)).toMatchObject({ status: 'READY', chunkCount: 1 });
  });

  it('should refuse a private address with the default configuration, before any request is made', async () => {
    site.serve('/private.html', 'text/html', '<p>internal</p>');
    const sut = new SourceFetcher(loadConfig({}));
    const refused = await sut.fetch(site.url('/private.html')).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(IntakeError);
    expect(refused).toMatchObject({ category: 'BLOCKED_ADDRESS', retryable: false });
    expect(site.seen.filter((r) => r.path === '/private.html')).toEqual([]);
  });
});
