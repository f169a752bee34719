import { strictMock, type StrictMock } from '../../../../test/support/strict-double';
import { contentHash } from '../intake/content-hash';
import { IntakeError } from '../intake/intake-error';
import { IntakeLedger, type IntakeState, type NormalizeWork } from './intake-ledger';
import { NormalizeStage } from './normalize-stage';

const JOB = { documentId: 'doc-1', organizationId: 'org-1', version: 2 };
const TEXT = '# Hours\n\nOpen at seven.';
const AFTER: IntakeState = { id: 'doc-1', organizationId: 'org-1', source: 'TEXT', status: 'EMBEDDING', version: 3 };

function work(overrides: Partial<NormalizeWork> = {}): NormalizeWork {
  return { id: 'doc-1', organizationId: 'org-1', source: 'TEXT', status: 'NORMALIZING', version: 2, rawContent: Buffer.from(TEXT), mimeType: 'text/markdown', contentHash: null, ...overrides };
}

describe(NormalizeStage.name, () => {
  let ledger: StrictMock<IntakeLedger>;
  let sut: NormalizeStage;

  beforeEach(() => {
    ledger = strictMock<IntakeLedger>('IntakeLedger', ['claimNormalize', 'unchanged', 'changed']);
    sut = new NormalizeStage(ledger);
  });

  it('should do nothing for a document that no longer waits on this version', async () => {
    ledger.claimNormalize.mockResolvedValue(null);
    await expect(sut.run(JOB)).resolves.toBeNull();
    expect(ledger.claimNormalize).toHaveBeenCalledWith('doc-1', 2);
  });

  it('should store new text as a new version, with the title the document gives', async () => {
    ledger.claimNormalize.mockResolvedValue(work({ contentHash: 'an older hash' }));
    ledger.changed.mockResolvedValue(AFTER);
    await expect(sut.run(JOB)).resolves.toBe(AFTER);
    expect(ledger.changed).toHaveBeenCalledWith('doc-1', 2, TEXT, 'Hours');
  });

  it('should leave the version and its chunks alone when the text is what they were cut from', async () => {
    const ready = { ...AFTER, status: 'READY' as const, version: 2 };
    ledger.claimNormalize.mockResolvedValue(work({ contentHash: contentHash(TEXT), rawContent: Buffer.from('# Hours\r\n\r\nOpen at seven.   ') }));
    ledger.unchanged.mockResolvedValue(ready);
    await expect(sut.run(JOB)).resolves.toBe(ready);
    expect(ledger.unchanged).toHaveBeenCalledWith('doc-1', 2, 'Hours');
  });

  it('should fail, not retry, a document without content', async () => {
    ledger.claimNormalize.mockResolvedValue(work({ rawContent: null }));
    await expect(sut.run(JOB)).rejects.toMatchObject({ category: 'UNREADABLE_DOCUMENT', retryable: false });
  });

  it('should fail, not retry, a document with no text in it', async () => {
    ledger.claimNormalize.mockResolvedValue(work({ rawContent: Buffer.from(' \n\n '), mimeType: 'text/plain' }));
    await expect(sut.run(JOB)).rejects.toBeInstanceOf(IntakeError);
  });
});
