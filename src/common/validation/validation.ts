import { ValidationError as ClassValidatorError, ValidationPipe } from '@nestjs/common';
import { ValidationFailedError } from '../errors/domain-errors';

/** Flattens class-validator's tree into `path: constraint` lines, so a client sees every bad field. */
export function describeValidationErrors(errors: ClassValidatorError[], parent = ''): Array<{ field: string; problem: string }> {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((problem) => ({ field, problem }));
    return [...own, ...describeValidationErrors(error.children ?? [], field)];
  });
}

export function toValidationFailedError(errors: ClassValidatorError[]): ValidationFailedError {
  const problems = describeValidationErrors(errors);
  const fields = [...new Set(problems.map((p) => p.field))];
  return new ValidationFailedError(fields, `invalid request: ${problems.map((p) => p.problem).join('; ')}`);
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: toValidationFailedError,
  });
}
