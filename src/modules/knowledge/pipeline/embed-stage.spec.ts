import { loadConfig } from '../../../config/app-config';
import { strictMock, type StrictMock } from '../../../../test/support/strict-double';
import { MeteredLlm } from '../../llm/usage/metered-llm';
import { EmbeddingSpaces } from '../../llm/vectors/embedding-spaces';
import { ChunksRepository } from '../chunks/chunks.repository';
import { cutIntoChunks } from '../chunks/embed-chunks';
import { contentHash } from '../intake/content-hash';
import { EmbedStage } from './embed-stage';
import { IntakeLedger, type EmbedWork, type IntakeState } from './intake-ledger';

const JOB = { documentId: 'doc-1', organizationId: 'org-1', version: 3 };
const TEXT = 'Alpha paragraph about espresso, crema and the grind.\n\nBeta paragraph about shipping times and the parcels.\n\nGamma paragraph about green coffee from partner farms.';
const CHUNKING = { chunkTokens: 16, chunkOverlap: 0 };
// With 16-token chunks and no overlap, one chunk per paragraph.
const CHUNKS = cutIntoChunks(TEXT, CHUNKING).map((c) => c.text);
const WORK: EmbedWork = { id: 'doc-1', organizationId: 'org-1', datasetId: 'set-1', source: 'TEXT', status: 'EMBEDDING', version: 3, text: TEXT };
const READY: IntakeState = { ...WORK, status: 'READY' };
const SPACE = { id: 'space-1', provider: 'offline', model: 'offline-feature-hash', dimensions: 4 };

describe(EmbedStage.name, () => {
  let ledger: StrictMock<IntakeLedger>;
  let chunks: StrictMock<ChunksRepository>;
  let llm: StrictMock<MeteredLlm>;
  let spaces: StrictMock<EmbeddingSpaces>;
  let sut: EmbedStage;

  beforeEach(() => {
    ledger = strictMock<IntakeLedger>('IntakeLedger', ['claimEmbed', 'chunkPositions', 'addEmbeddingTokens', 'embedded']);
    chunks = strictMock<ChunksRepository>('ChunksRepository', ['insert']);
    llm = strictMock<MeteredLlm>('MeteredLlm', ['embed']);
    spaces = strictMock<EmbeddingSpaces>('EmbeddingSpaces', ['currentSpace']);
    const config = { ...loadConfig({}), knowledge: { ...loadConfig({}).knowledge, ...CHUNKING } };
    sut = new EmbedStage(ledger, chunks, llm, spaces, config);
    spaces.currentSpace.mockResolvedValue(SPACE);
    llm.embed.mockImplementation(async (_scope: unknown, texts: string[]) => ({
      embeddings: texts.map((_, i) => [i, 1, 0, 0]),
      usage: { inputTokens: 10 * texts.length, outputTokens: 0 },
      provider: 'offline',
      model: 'offline-feature-hash',
      costUsd: 0,
    }));
    chunks.insert.mockResolvedValue(true);
    ledger.addEmbeddingTokens.mockResolvedValue(undefined);
    ledger.embedded.mockResolvedValue(READY);
  });

  it('should do nothing for a document that no longer waits on this version', async () => {
    ledger.claimEmbed.mockResolvedValue(null);
    await expect(sut.run(JOB)).resolves.toBeNull();
    expect(llm.embed).not.toHaveBeenCalled();
  });

  it("should embed every chunk on the organization's budget, store them under the version and space, then mark the document READY", async () => {
    ledger.claimEmbed.mockResolvedValue(WORK);
    ledger.chunkPositions.mockResolvedValue(new Set());
    await expect(sut.run(JOB)).resolves.toBe(READY);

    expect(CHUNKS).toEqual([expect.stringMatching(/^Alpha/), expect.stringMatching(/^Beta/), expect.stringMatching(/^Gamma/)]);
    expect(llm.embed).toHaveBeenCalledWith({ organizationId: 'org-1', outsideRun: 'knowledge.intake' }, CHUNKS);
    expect(chunks.insert).toHaveBeenCalledWith({ organizationId: 'org-1', datasetId: 'set-1', documentId: 'doc-1', documentVersion: 3, embeddingSpaceId: 'space-1' }, [
      expect.objectContaining({ position: 0, embedding: [0, 1, 0, 0] }),
      expect.objectContaining({ position: 1, embedding: [1, 1, 0, 0] }),
      expect.objectContaining({ position: 2, embedding: [2, 1, 0, 0] }),
    ]);
    expect(ledger.addEmbeddingTokens).toHaveBeenCalledWith('doc-1', 3, 30);
    expect(ledger.embedded).toHaveBeenCalledWith('doc-1', 3, contentHash(TEXT), 'space-1');
  });

  it('should embed only the positions a crashed attempt did not store', async () => {
    ledger.claimEmbed.mockResolvedValue(WORK);
    ledger.chunkPositions.mockResolvedValue(new Set([0, 1]));
    await sut.run(JOB);
    expect(llm.embed).toHaveBeenCalledWith({ organizationId: 'org-1', outsideRun: 'knowledge.intake' }, [CHUNKS[2]]);
    expect(chunks.insert).toHaveBeenCalledWith(expect.anything(), [expect.objectContaining({ position: 2 })]);
  });

  it('should turn READY without a model call when every chunk is already stored', async () => {
    ledger.claimEmbed.mockResolvedValue(WORK);
    ledger.chunkPositions.mockResolvedValue(new Set([0, 1, 2]));
    await expect(sut.run(JOB)).resolves.toBe(READY);
    expect(llm.embed).not.toHaveBeenCalled();
  });

  it('should stop embedding a document deleted meanwhile', async () => {
    ledger.claimEmbed.mockResolvedValue(WORK);
    ledger.chunkPositions.mockResolvedValue(new Set());
    chunks.insert.mockResolvedValue(false);
    const small = new EmbedStage(ledger, chunks, llm, spaces, { ...loadConfig({}), knowledge: { ...loadConfig({}).knowledge, chunkTokens: 8, chunkOverlap: 0 } });
    await expect(small.run(JOB)).resolves.toBeNull();
    expect(chunks.insert).toHaveBeenCalledTimes(1);
    expect(ledger.embedded).not.toHaveBeenCalled();
  });

  it('should leave the document EMBEDDING when the model fails, for the runner to retry or fail', async () => {
    ledger.claimEmbed.mockResolvedValue(WORK);
    ledger.chunkPositions.mockResolvedValue(new Set());
    llm.embed.mockRejectedValue(new Error('provider down'));
    await expect(sut.run(JOB)).rejects.toThrow('provider down');
    expect(ledger.embedded).not.toHaveBeenCalled();
  });
});
