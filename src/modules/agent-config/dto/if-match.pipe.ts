import { createParamDecorator, type ExecutionContext, Injectable, type PipeTransform } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ValidationFailedError } from '../../../common/errors/domain-errors';

/** `3`, `"3"` or `W/"3"` (an ETag's forms): the version the caller read; absent: no precondition. */
const VERSION = /^(?:W\/)?"?(\d{1,9})"?$/;

@Injectable()
export class IfMatchVersionPipe implements PipeTransform<string | undefined, number | undefined> {
  transform(value: string | undefined): number | undefined {
    if (value === undefined || value === '') return undefined;
    const match = VERSION.exec(value.trim());
    if (!match) throw new ValidationFailedError(['If-Match'], 'invalid request: If-Match must be the configuration version read (a whole number, e.g. "3")');
    return Number(match[1]);
  }
}

/** The raw If-Match header, for IfMatchVersionPipe: `@IfMatchHeader(IfMatchVersionPipe) version?: number`. */
export const IfMatchHeader = createParamDecorator((_: unknown, context: ExecutionContext): string | undefined => {
  const value = context.switchToHttp().getRequest<FastifyRequest>().headers['if-match'];
  return Array.isArray(value) ? value.join(',') : value;
});
