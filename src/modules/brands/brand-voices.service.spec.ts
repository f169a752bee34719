import { ClsPluginTransactional, NoOpTransactionalAdapter, TransactionHost } from '@nestjs-cls/transactional';
import { Test } from '@nestjs/testing';
import { ClsModule } from 'nestjs-cls';
import { PinoLogger } from 'nestjs-pino';
import { ValidationFailedError } from '../../common/errors/domain-errors';
import { BudgetExceededError } from '../llm/usage/budget-exceeded.error';
import { strictMock, type StrictMock } from '../../../test/support/strict-double';
import { BrandNotFoundError, BrandVoiceNotFoundError } from './brand-errors';
import { BrandVoicesService } from './brand-voices.service';
import type { CreateVoiceDto, UpdateVoiceDto } from './dto/voice.dto';
import { BrandVoicesRepository, type VoiceRecord } from './persistence/brand-voices.repository';
import { BrandsRepository } from './persistence/brands.repository';
import { VoiceEmbedder } from './scoring/voice-embedder';

const ORG = 'org-1';
const BRAND = 'brand-1';
const EMBEDDING = { vector: [0.6, 0.8], spaceId: 'space-1' };

function voiceRecord(overrides: Partial<VoiceRecord> = {}): VoiceRecord {
  const at = new Date('2026-11-01T00:00:00.000Z');
  return {
    id: 'voice-1',
    brandId: BRAND,
    name: 'House',
    isDefault: false,
    tone: [],
    audience: null,
    doRules: [],
    dontRules: [],
    bannedWords: [],
    requiredElements: [],
    minLength: null,
    maxLength: 100,
    examples: ['an example'],
    embeddingSpace: { provider: 'offline', model: 'offline-feature-hash' },
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

const createDto = (overrides: Partial<CreateVoiceDto> = {}): CreateVoiceDto => Object.assign({ name: 'House', examples: ['an example'] }, overrides) as CreateVoiceDto;
const updateDto = (fields: Partial<UpdateVoiceDto>): UpdateVoiceDto => fields as UpdateVoiceDto;

describe(BrandVoicesService.name, () => {
  let txHost: TransactionHost;
  let brands: StrictMock<BrandsRepository>;
  let voices: StrictMock<BrandVoicesRepository>;
  let embedder: StrictMock<VoiceEmbedder>;
  let logger: StrictMock<PinoLogger>;
  let sut: BrandVoicesService;
  /** Which calls happened inside a transaction, in order. */
  let calls: Array<[string, boolean]>;

  beforeAll(async () => {
    // The no-op adapter gives @Transactional() a TransactionHost that marks a transaction active without a database.
    const transactionClient = strictMock<{ $transaction(): void }>('transaction client', []);
    const moduleRef = await Test.createTestingModule({
      imports: [ClsModule.forRoot({ plugins: [new ClsPluginTransactional({ adapter: new NoOpTransactionalAdapter({ tx: transactionClient, disableWarning: true }) })] })],
    }).compile();
    txHost = moduleRef.get(TransactionHost);
  });

  beforeEach(() => {
    calls = [];
    const track = <T>(name: string, answer: T) => async () => {
      calls.push([name, txHost.isTransactionActive()]);
      return answer;
    };
    brands = strictMock<BrandsRepository>('BrandsRepository', ['exists', 'lock']);
    voices = strictMock<BrandVoicesRepository>('BrandVoicesRepository', ['find', 'create', 'update', 'clearDefault']);
    embedder = strictMock<VoiceEmbedder>('VoiceEmbedder', ['embedExamples']);
    logger = strictMock<PinoLogger>('PinoLogger', ['setContext', 'info']);
    logger.setContext.mockImplementation(() => undefined);
    logger.info.mockImplementation(() => undefined);
    brands.exists.mockImplementation(track('brands.exists', true));
    brands.lock.mockImplementation(track('brands.lock', true));
    embedder.embedExamples.mockImplementation(track('embedder.embedExamples', EMBEDDING));
    voices.clearDefault.mockImplementation(track('voices.clearDefault', undefined));
    voices.create.mockImplementation(track('voices.create', voiceRecord()));
    voices.update.mockImplementation(track('voices.update', voiceRecord()));
    sut = new BrandVoicesService(brands, voices, embedder, logger);
  });

  describe('create', () => {
    it('should embed the examples outside any transaction, then lock the brand, unset its default and create the voice in one', async () => {
      await sut.create(ORG, BRAND, createDto({ isDefault: true }));

      expect(calls).toEqual([
        ['brands.exists', false],
        ['embedder.embedExamples', false],
        ['brands.lock', true],
        ['voices.clearDefault', true],
        ['voices.create', true],
      ]);
      expect(embedder.embedExamples).toHaveBeenCalledWith(ORG, ['an example']);
      expect(voices.create).toHaveBeenCalledWith(ORG, BRAND, expect.objectContaining({ name: 'House', isDefault: true, tone: [], minLength: null }), EMBEDDING);
    });

    it('should leave the default alone when the new voice is not the default', async () => {
      await sut.create(ORG, BRAND, createDto());

      expect(voices.clearDefault).not.toHaveBeenCalled();
    });

    it('should write nothing when the budget refuses the embedding', async () => {
      embedder.embedExamples.mockRejectedValue(new BudgetExceededError({ budget: 10, used: 10, requested: 3, month: '2026-11' }));

      await expect(sut.create(ORG, BRAND, createDto())).rejects.toThrow(BudgetExceededError);

      expect(brands.lock).not.toHaveBeenCalled();
      expect(voices.create).not.toHaveBeenCalled();
    });

    it("should answer BrandNotFoundError for another organization's brand before spending anything", async () => {
      brands.exists.mockResolvedValue(false);

      await expect(sut.create(ORG, BRAND, createDto())).rejects.toThrow(BrandNotFoundError);

      expect(embedder.embedExamples).not.toHaveBeenCalled();
    });

    it('should refuse minLength above maxLength before spending anything', async () => {
      await expect(sut.create(ORG, BRAND, createDto({ minLength: 10, maxLength: 5 }))).rejects.toThrow(ValidationFailedError);

      expect(embedder.embedExamples).not.toHaveBeenCalled();
    });
  });

  describe('update', () => {
    it('should not embed again when the examples are unchanged', async () => {
      voices.find.mockResolvedValue(voiceRecord());

      await sut.update(ORG, BRAND, 'voice-1', updateDto({ examples: ['an example'], tone: ['dry'] }));

      expect(embedder.embedExamples).not.toHaveBeenCalled();
      expect(voices.update).toHaveBeenCalledWith(ORG, BRAND, 'voice-1', { examples: ['an example'], tone: ['dry'] }, undefined);
    });

    it('should embed new examples outside the transaction and store them with the change', async () => {
      voices.find.mockResolvedValue(voiceRecord());

      await sut.update(ORG, BRAND, 'voice-1', updateDto({ examples: ['something new'], isDefault: true }));

      expect(calls).toEqual([
        ['embedder.embedExamples', false],
        ['brands.lock', true],
        ['voices.clearDefault', true],
        ['voices.update', true],
      ]);
      expect(voices.clearDefault).toHaveBeenCalledWith(BRAND, 'voice-1');
      expect(voices.update).toHaveBeenCalledWith(ORG, BRAND, 'voice-1', { examples: ['something new'], isDefault: true }, EMBEDDING);
    });

    it('should refuse a minLength above the stored maxLength before spending anything', async () => {
      voices.find.mockResolvedValue(voiceRecord({ maxLength: 100 }));

      await expect(sut.update(ORG, BRAND, 'voice-1', updateDto({ minLength: 101, examples: ['new'] }))).rejects.toThrow(
        new ValidationFailedError(['minLength', 'maxLength'], 'invalid request: minLength (101) must not exceed maxLength (100)'),
      );

      expect(embedder.embedExamples).not.toHaveBeenCalled();
    });

    it('should refuse, in the transaction, a change that meets a concurrent one into minLength above maxLength', async () => {
      voices.find.mockResolvedValue(voiceRecord({ maxLength: null }));
      voices.update.mockResolvedValue(voiceRecord({ minLength: 50, maxLength: 20 }));

      await expect(sut.update(ORG, BRAND, 'voice-1', updateDto({ minLength: 50 }))).rejects.toThrow(ValidationFailedError);
    });

    it("should answer BrandVoiceNotFoundError for a voice that is not the brand's", async () => {
      voices.find.mockResolvedValue(null);

      await expect(sut.update(ORG, BRAND, 'voice-9', updateDto({ name: 'x' }))).rejects.toThrow(new BrandVoiceNotFoundError('voice-9'));
    });
  });
});
