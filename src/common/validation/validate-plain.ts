import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { ValidationFailedError } from '../errors/domain-errors';
import { describeValidationErrors } from './validation';

/**
 * Validates a JSON object against a DTO class below the HTTP layer (agent input, connector action
 * input), with the same rules as the HTTP pipe: whitelist and no unknown properties. Fields are
 * named `<prefix>.<path>`. The instance it returns is remembered as validated (`wasValidated`), so
 * a layer below can skip validating it again: input is validated once per request.
 */
export async function validatePlain<T extends object>(dto: new () => T, value: unknown, prefix: string, subject: string): Promise<T> {
  if (value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value))) {
    throw new ValidationFailedError([prefix], `invalid ${subject}: ${prefix} must be a JSON object`);
  }
  const instance = plainToInstance(dto, value ?? {});
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) {
    const problems = describeValidationErrors(errors, prefix);
    throw new ValidationFailedError(
      [...new Set(problems.map((p) => p.field))],
      `invalid ${subject}: ${problems.map((p) => `${p.field}: ${p.problem}`).join('; ')}`,
    );
  }
  validated.add(instance);
  return instance;
}

// Weak: a validated instance is forgotten with the request that made it.
const validated = new WeakSet<object>();

/** True for an instance validatePlain returned for exactly this DTO class. */
export function wasValidated<T extends object>(dto: new () => T, value: unknown): value is T {
  return value instanceof dto && validated.has(value);
}
