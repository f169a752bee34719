import { ClassifiedError, errorCategoryOf, errorClassOf, GENERIC_CATEGORIES, isRetryable } from './classified-error';

class ProviderError extends ClassifiedError {
  readonly statusCode = 503;
  constructor(readonly category: string, readonly retryable: boolean) {
    super(`provider failed: ${category}`);
  }
}

class StoppedError extends ClassifiedError {
  override readonly name = 'CancelledError';
  readonly statusCode = 409;
  readonly category = GENERIC_CATEGORIES.CANCELLED;
  readonly retryable = false;
}

describe(ClassifiedError.name, () => {
  it('should answer retryable only for a classified error that says so', () => {
    expect(isRetryable(new ProviderError('TIMEOUT', true))).toBe(true);
    expect(isRetryable(new ProviderError('NOT_FOUND', false))).toBe(false);
    expect(isRetryable(new StoppedError('stopped'))).toBe(false);
  });

  it('should not trust the shape of an unclassified error', () => {
    expect(isRetryable(Object.assign(new Error('looks retryable'), { retryable: true }))).toBe(false);
    expect(errorCategoryOf(Object.assign(new Error('looks classified'), { category: 'TIMEOUT' }))).toBeUndefined();
    expect(isRetryable(undefined)).toBe(false);
  });

  it('should record a provider category with the class name', () => {
    expect(errorClassOf(new ProviderError('RATE_LIMITED', true))).toBe('ProviderError:RATE_LIMITED');
    expect(errorCategoryOf(new ProviderError('RATE_LIMITED', true))).toBe('RATE_LIMITED');
  });

  it('should record a generic category by the class name alone', () => {
    expect(errorClassOf(new StoppedError('stopped'))).toBe('CancelledError');
    expect(errorCategoryOf(new StoppedError('stopped'))).toBe('CANCELLED');
  });

  it('should record an unclassified error by its name', () => {
    expect(errorClassOf(new TypeError('x is undefined'))).toBe('TypeError');
  });
});
