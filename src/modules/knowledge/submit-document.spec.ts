import { ClsService } from 'nestjs-cls';
import { PinoLogger } from 'nestjs-pino';
import { strictMock, type StrictMock } from '../../../test/support/strict-double';
import { ServiceUnavailableError, ValidationFailedError } from '../../common/errors/domain-errors';
import { loadConfig } from '../../config/app-config';
import { DatasetsService } from './datasets.service';
import { DocumentRecord, DocumentsRepository } from './documents.repository';
import { DocumentBusyError } from './knowledge-errors';
import { IntakeQueues } from './pipeline/intake-queues';
import { SubmitDocument } from './submit-document';

function record(overrides: Partial<DocumentRecord> = {}): DocumentRecord {
  const at = new Date('2026-11-29T12:00:00Z');
  return {
    id: 'doc-1',
    datasetId: 'set-1',
    title: null,
    source: 'URL',
    sourceUrl: 'https://example.com/a',
    fileName: null,
    mimeType: null,
    status: 'PENDING',
    version: 0,
    contentHash: null,
    errorClass: null,
    errorMessage: null,
    chunkCount: 0,
    embeddingTokens: 0,
    readyAt: null,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

describe(SubmitDocument.name, () => {
  let datasets: StrictMock<DatasetsService>;
  let documents: StrictMock<DocumentsRepository>;
  let queues: StrictMock<IntakeQueues>;
  let cls: StrictMock<ClsService>;
  let logger: StrictMock<PinoLogger>;
  let sut: SubmitDocument;

  beforeEach(() => {
    datasets = strictMock<DatasetsService>('DatasetsService', ['assertExists']);
    documents = strictMock<DocumentsRepository>('DocumentsRepository', ['findByIdentity', 'create', 'restart', 'unrestart', 'discard']);
    queues = strictMock<IntakeQueues>('IntakeQueues', ['assertAvailable', 'ensureQueued']);
    cls = strictMock<ClsService>('ClsService', ['getId']);
    logger = strictMock<PinoLogger>('PinoLogger', ['setContext', 'info']);
    logger.setContext.mockImplementation(() => undefined);
    logger.info.mockImplementation(() => undefined);
    cls.getId.mockReturnValue('req-1');
    datasets.assertExists.mockResolvedValue(undefined);
    queues.assertAvailable.mockImplementation(() => undefined);
    queues.ensureQueued.mockResolvedValue(true);
    sut = new SubmitDocument(datasets, documents, queues, cls as unknown as ClsService, loadConfig({}), logger);
  });

  it('should store a new URL document PENDING, without its fragment, and queue its fetch', async () => {
    documents.findByIdentity.mockResolvedValue(null);
    documents.create.mockResolvedValue(record());
    await expect(sut.submit('org-1', 'set-1', { kind: 'url', url: 'https://Example.com/a#part' })).resolves.toEqual({ document: record(), created: true });
    expect(documents.create).toHaveBeenCalledWith({ organizationId: 'org-1', datasetId: 'set-1', source: 'URL', sourceUrl: 'https://example.com/a', title: undefined });
    expect(queues.ensureQueued).toHaveBeenCalledWith('fetch', { documentId: 'doc-1', organizationId: 'org-1', version: 0, requestId: 'req-1' });
  });

  it('should store a text as Markdown bytes and queue its normalize', async () => {
    documents.findByIdentity.mockResolvedValue(null);
    documents.create.mockResolvedValue(record({ source: 'TEXT', sourceUrl: null }));
    await sut.submit('org-1', 'set-1', { kind: 'text', title: 'Hours', text: 'Open at 7', format: 'markdown' });
    expect(documents.findByIdentity).toHaveBeenCalledWith('org-1', 'set-1', { source: 'TEXT', title: 'Hours' });
    expect(documents.create).toHaveBeenCalledWith(expect.objectContaining({ source: 'TEXT', mimeType: 'text/markdown; charset=utf-8', rawContent: Buffer.from('Open at 7') }));
    expect(queues.ensureQueued).toHaveBeenCalledWith('normalize', expect.objectContaining({ documentId: 'doc-1', version: 0 }));
  });

  it('should ingest a resting document again instead of adding a duplicate', async () => {
    const ready = record({ status: 'READY', version: 2 });
    documents.findByIdentity.mockResolvedValue(ready);
    documents.restart.mockResolvedValue(record({ status: 'PENDING', version: 2 }));
    await expect(sut.submit('org-1', 'set-1', { kind: 'url', url: 'https://example.com/a' })).resolves.toMatchObject({ created: false });
    expect(documents.restart).toHaveBeenCalledWith('doc-1', 'org-1', undefined);
    expect(queues.ensureQueued).toHaveBeenCalledWith('fetch', expect.objectContaining({ version: 2 }));
  });

  it.each(['PENDING', 'FETCHING', 'NORMALIZING', 'EMBEDDING'] as const)('should answer 409 for a document still %s', async (status) => {
    documents.findByIdentity.mockResolvedValue(record({ status }));
    await expect(sut.submit('org-1', 'set-1', { kind: 'url', url: 'https://example.com/a' })).rejects.toBeInstanceOf(DocumentBusyError);
    expect(queues.ensureQueued).not.toHaveBeenCalled();
  });

  it('should answer 503 before writing anything when Redis is away', async () => {
    queues.assertAvailable.mockImplementation(() => {
      throw new ServiceUnavailableError('knowledge intake is unavailable');
    });
    await expect(sut.submit('org-1', 'set-1', { kind: 'url', url: 'https://example.com/a' })).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(documents.findByIdentity).not.toHaveBeenCalled();
  });

  it('should remove a new document whose job could not be queued', async () => {
    documents.findByIdentity.mockResolvedValue(null);
    documents.create.mockResolvedValue(record());
    documents.discard.mockResolvedValue(undefined);
    queues.ensureQueued.mockRejectedValue(new ServiceUnavailableError('gone'));
    await expect(sut.submit('org-1', 'set-1', { kind: 'url', url: 'https://example.com/a' })).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(documents.discard).toHaveBeenCalledWith('doc-1');
  });

  it('should put a restarted document back to rest when its job could not be queued', async () => {
    const failed = record({ status: 'FAILED', errorClass: 'IntakeError:TIMEOUT', errorMessage: 'slow' });
    documents.findByIdentity.mockResolvedValue(failed);
    documents.restart.mockResolvedValue(record());
    documents.unrestart.mockResolvedValue(undefined);
    queues.ensureQueued.mockRejectedValue(new ServiceUnavailableError('gone'));
    await expect(sut.submit('org-1', 'set-1', { kind: 'url', url: 'https://example.com/a' })).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(documents.unrestart).toHaveBeenCalledWith('doc-1', failed);
  });

  it.each(['http://127.0.0.1:8080/admin', 'http://169.254.169.254/latest/meta-data', 'http://[::1]/', 'http://10.1.2.3/wiki'])(
    'should refuse %s, an address inside a private network, with 400',
    async (url) => {
      await expect(sut.submit('org-1', 'set-1', { kind: 'url', url })).rejects.toBeInstanceOf(ValidationFailedError);
      expect(documents.findByIdentity).not.toHaveBeenCalled();
    },
  );

  it('should accept a private address when KNOWLEDGE_ALLOW_PRIVATE_URLS is true', async () => {
    sut = new SubmitDocument(datasets, documents, queues, cls as unknown as ClsService, loadConfig({ KNOWLEDGE_ALLOW_PRIVATE_URLS: 'true' }), logger);
    documents.findByIdentity.mockResolvedValue(null);
    documents.create.mockResolvedValue(record());
    await expect(sut.submit('org-1', 'set-1', { kind: 'url', url: 'http://127.0.0.1:8080/wiki' })).resolves.toMatchObject({ created: true });
  });
});
