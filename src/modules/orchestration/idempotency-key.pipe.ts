import { createParamDecorator, type ExecutionContext, Injectable, PipeTransform } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ValidationFailedError } from '../../common/errors/domain-errors';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,200}$/;

/** The Idempotency-Key header: absent, or 1-200 characters safe to store and log. */
@Injectable()
export class IdempotencyKeyPipe implements PipeTransform<string | undefined, string | undefined> {
  transform(value: string | undefined): string | undefined {
    if (value !== undefined && !IDEMPOTENCY_KEY.test(value)) {
      throw new ValidationFailedError(['Idempotency-Key'], 'invalid request: Idempotency-Key must be 1-200 characters of A-Z a-z 0-9 . _ : -');
    }
    return value;
  }
}

/** The raw Idempotency-Key header, for IdempotencyKeyPipe: `@IdempotencyKeyHeader(IdempotencyKeyPipe) key?: string`. */
export const IdempotencyKeyHeader = createParamDecorator((_: unknown, context: ExecutionContext): string | undefined => {
  const value = context.switchToHttp().getRequest<FastifyRequest>().headers['idempotency-key'];
  return Array.isArray(value) ? value.join(',') : value;
});
