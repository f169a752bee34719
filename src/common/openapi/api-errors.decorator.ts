import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';
import { ErrorBody } from '../errors/error-body';

const REQUEST_ID = '5b8f2c1e-4b7d-4d53-9a43-1c9e8f0a2b11';

/** What each status typically says, so a reader of one status does not see another's message. */
const EXAMPLE_MESSAGES: Record<number, string> = {
  400: 'input.channel must be a string',
  401: 'missing or invalid API key',
  403: 'this API key may not do that',
  404: 'run 7f0c2d9e-0b7a-4c51-9d3e-2b8f6a1c4e10 not found',
  409: 'run 7f0c2d9e-0b7a-4c51-9d3e-2b8f6a1c4e10 already finished (COMPLETED)',
  413: 'request body is larger than 1048576 bytes',
  422: 'Idempotency-Key was used with a different request body',
  424: 'slack is not connected for this organization; connect it first',
  429: 'rate limit of 60 runs per minute reached; retry after 12 s',
  503: 'agent echo is unavailable (circuit open); retry after 10 s',
};

/** Statuses that tell the client when to try again. */
const RETRY_AFTER_STATUSES = new Set([429, 503]);

export const RETRY_AFTER_HEADER = {
  'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer', minimum: 0, example: 12 } },
};

export function errorExample(status: number): ErrorBody {
  return { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message: EXAMPLE_MESSAGES[status] ?? STATUS_CODES[status] ?? 'Error', requestId: REQUEST_ID };
}

/**
 * Documents the error statuses an endpoint can answer, all with the one error body, each with an
 * example of its own; 429 and 503 carry Retry-After.
 */
export function ApiErrors(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: STATUS_CODES[status],
        type: ErrorBody,
        example: errorExample(status),
        ...(RETRY_AFTER_STATUSES.has(status) ? { headers: RETRY_AFTER_HEADER } : {}),
      }),
    ),
  );
}
