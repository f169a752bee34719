import { SetMetadata } from '@nestjs/common';

export const NOT_A_CHANGE = 'neonhub:not-a-change';

/**
 * On a POST that only reads (a search, a score): bindRequestAudit leaves it without the request
 * audit entry every other state-changing /v1 handler gets.
 */
export function NotAChange(): MethodDecorator {
  return SetMetadata(NOT_A_CHANGE, true);
}
