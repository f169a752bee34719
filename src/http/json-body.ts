import type { FastifyInstance } from 'fastify';
import { ValidationFailedError } from '../common/errors/domain-errors';
import { findUnstorableJson, MAX_JSON_DEPTH } from '../common/validation/storable-text';

/**
 * The API speaks JSON only (anything else is 415), parsed by Fastify's own parser (it keeps the
 * __proto__ and constructor.prototype poisoning checks), with three additions:
 * - an empty body is no body at all, as if no content-type had been sent: clients habitually send
 *   `Content-Type: application/json` on body-less POSTs (cancel), and a route whose DTO requires
 *   a body still answers its validation 400;
 * - nesting is limited to MAX_JSON_DEPTH levels, checked before anything recursive (class-transformer,
 *   class-validator, the redaction of stored input) walks the value and overflows the stack;
 * - strings and keys Postgres cannot store (NUL, unpaired surrogates) are refused, naming the field.
 */
export function useJsonBodies(fastify: FastifyInstance, bodyLimit: number): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (request, body, done) => {
    const text = body as string;
    if (text.length === 0) return done(null, undefined);
    parseJson(request, text, (error, value) => {
      if (error) return done(error, undefined);
      const problem = findUnstorableJson(value, 'body', MAX_JSON_DEPTH);
      if (problem) return done(new ValidationFailedError([problem.field], `invalid request: ${problem.field} ${problem.problem}`), undefined);
      done(null, value);
    });
  });
}
