import { ValidationFailedError } from '../../../common/errors/domain-errors';
import { checkCredentialFields } from './credential-fields';

const manifest = { key: 'acme', secretFields: ['apiKey'], metadataFields: ['accountId'] };

describe(checkCredentialFields.name, () => {
  it('should accept exactly the declared fields', () => {
    expect(checkCredentialFields(manifest, { secrets: { apiKey: 'k-123' }, metadata: { accountId: 'acc_1' } })).toEqual({ secrets: { apiKey: 'k-123' }, metadata: { accountId: 'acc_1' } });
  });

  it('should take metadata fields as optional', () => {
    expect(checkCredentialFields(manifest, { secrets: { apiKey: 'k-123' } })).toEqual({ secrets: { apiKey: 'k-123' }, metadata: {} });
  });

  it('should name unknown and missing fields, never their values', () => {
    let error: ValidationFailedError | undefined;
    try {
      checkCredentialFields(manifest, { secrets: { token: 'sup3r-s3cret-value' }, metadata: { region: 'eu' } });
    } catch (e) {
      error = e as ValidationFailedError;
    }
    expect(error).toBeInstanceOf(ValidationFailedError);
    expect(error!.fields).toEqual(['secrets.token', 'secrets.apiKey', 'metadata.region']);
    expect(error!.message).toContain('secrets.token is not a field of this connector');
    expect(error!.message).toContain('secrets.apiKey is missing');
    expect(error!.message).not.toContain('sup3r-s3cret-value');
  });

  it.each([[''], [42], [{ nested: 'x' }], ['x'.repeat(8_193)]])('should refuse a bad value (case %#)', (value) => {
    expect(() => checkCredentialFields(manifest, { secrets: { apiKey: value }, metadata: { accountId: 'a' } })).toThrow(/secrets\.apiKey/);
  });

  it('should not take a prototype property for a given field', () => {
    expect(() => checkCredentialFields({ ...manifest, secretFields: ['toString'] }, { secrets: {}, metadata: { accountId: 'a' } })).toThrow(/secrets\.toString is missing/);
  });
});
