import { ClassifiedError, errorClassOf, isRetryable } from '../../../infra/resilience/classified-error';
import { INTAKE_ERROR_CATEGORIES, IntakeError } from './intake-error';

describe(IntakeError.name, () => {
  it('should be a classified error with the status and retry of its category', () => {
    const sut = new IntakeError('TOO_LARGE', 'body larger than 10 bytes', { url: 'https://docs.example/a' });

    expect(sut).toBeInstanceOf(ClassifiedError);
    expect(sut).toMatchObject({ name: 'IntakeError', category: 'TOO_LARGE', statusCode: 413, retryable: false });
    expect(errorClassOf(sut)).toBe('IntakeError:TOO_LARGE');
  });

  it.each(Object.entries(INTAKE_ERROR_CATEGORIES))('should take status and retry from the table for %s', (category, expected) => {
    const sut = new IntakeError(category as keyof typeof INTAKE_ERROR_CATEGORIES, 'failed');

    expect({ status: sut.statusCode, retryable: sut.retryable }).toEqual(expected);
  });

  it.each([
    [404, false],
    [410, false],
    [429, true],
    [500, true],
    [503, true],
  ])('should make an upstream %i retryable: %s', (status, retryable) => {
    expect(isRetryable(IntakeError.upstream(status, 'https://docs.example/a'))).toBe(retryable);
  });

  it('should carry Retry-After only where a retry is worth it', () => {
    expect(IntakeError.upstream(503, 'https://docs.example/a', 1500).headers).toEqual({ 'Retry-After': '2' });
    expect(IntakeError.upstream(404, 'https://docs.example/a', 1500).headers).toEqual({});
  });
});
