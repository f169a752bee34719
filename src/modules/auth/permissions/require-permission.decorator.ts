import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { ApiErrors } from '../../../common/openapi/api-errors.decorator';
import type { Permission } from './permissions';

export const REQUIRED_PERMISSION = 'neonhub:required-permission';
/** The OpenAPI extension naming an operation's permission; clients and the viewer walk read it. */
export const PERMISSION_EXTENSION = 'x-required-permission';
/** Marks a handler every authenticated member may call (their own profile, their own keys). */
export const ANY_MEMBER = 'any-member';

/**
 * Declares the one permission a handler needs. Every handler behind `@Authenticated()` carries
 * exactly one declaration (this or `@AnyMember()`); the app refuses to boot otherwise.
 */
export function RequirePermission(permission: Permission): MethodDecorator {
  return applyDecorators(SetMetadata(REQUIRED_PERMISSION, permission), ApiExtension(PERMISSION_EXTENSION, permission), ApiErrors(403));
}

/** Declares a handler open to every authenticated member of the organization. */
export function AnyMember(): MethodDecorator {
  return applyDecorators(SetMetadata(REQUIRED_PERMISSION, ANY_MEMBER), ApiExtension(PERMISSION_EXTENSION, ANY_MEMBER));
}
