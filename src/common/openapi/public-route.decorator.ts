import { ApiExtension } from '@nestjs/swagger';

/** The OpenAPI extension that marks an operation reachable without an API key, with the reason. */
export const PUBLIC_ROUTE_EXTENSION = 'x-neonhub-public';

/**
 * Documents a /v1 route that deliberately has no API-key guard: the operation carries no
 * security requirement (the document declares no global one, so none applies) and the extension
 * says why, so the docs test can tell a deliberate exception from a forgotten guard. It removes
 * no guard itself; the route's controller or handler simply declares none.
 */
export function PublicRoute(reason: string): MethodDecorator {
  return ApiExtension(PUBLIC_ROUTE_EXTENSION, reason);
}
