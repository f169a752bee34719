import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ValidationFailedError } from '../common/errors/domain-errors';
import { isStorableString } from '../common/validation/storable-text';

/**
 * Query strings and path parameters reach SQL as text parameters; a NUL (`?agent=%00`) or an
 * unpaired surrogate there fails in Postgres as a 500. Refused for every route, before guards
 * and pipes, naming the parameter. (JSON bodies get the same check in their parser.)
 */
export function refuseUnstorableParams(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', async (request: FastifyRequest) => {
    const field = firstUnstorable(request.query, 'query') ?? firstUnstorable(request.params, 'params');
    if (field) throw new ValidationFailedError([field], `invalid request: ${field} must not contain NUL characters or unpaired UTF-16 surrogates`);
  });
}

function firstUnstorable(values: unknown, where: string): string | undefined {
  if (values === null || typeof values !== 'object') return undefined;
  for (const [name, value] of Object.entries(values)) {
    const texts = Array.isArray(value) ? value : [value];
    if (!isStorableString(name) || texts.some((text) => typeof text === 'string' && !isStorableString(text))) return `${where}.${name}`;
  }
  return undefined;
}
