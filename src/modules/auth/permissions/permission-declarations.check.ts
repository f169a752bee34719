import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { GUARDS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ApiKeyGuard } from '../api-key.guard';
import { REQUIRED_PERMISSION } from './require-permission.decorator';

/**
 * The app does not boot while an authenticated handler lacks a permission declaration: a new
 * route cannot ship open to every key by someone forgetting a line.
 */
@Injectable()
export class PermissionDeclarationsCheck implements OnApplicationBootstrap {
  constructor(private readonly discovery: DiscoveryService, private readonly scanner: MetadataScanner, private readonly reflector: Reflector) {}

  onApplicationBootstrap(): void {
    const undeclared = this.undeclaredHandlers();
    if (undeclared.length > 0) throw new Error(`authenticated handlers without a permission declaration (@RequirePermission or @AnyMember): ${undeclared.join(', ')}`);
  }

  undeclaredHandlers(): string[] {
    const missing: string[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const { instance, metatype } = wrapper;
      if (!instance || !metatype) continue;
      const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
      const classGuarded = this.guardedByApiKey(metatype);
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name] as (...args: unknown[]) => unknown;
        if (this.reflector.get(PATH_METADATA, handler) === undefined || this.reflector.get(METHOD_METADATA, handler) === undefined) continue;
        if (!classGuarded && !this.guardedByApiKey(handler)) continue;
        if (!this.reflector.get(REQUIRED_PERMISSION, handler)) missing.push(`${metatype.name}.${name}`);
      }
    }
    return missing;
  }

  private guardedByApiKey(target: object): boolean {
    const guards = (this.reflector.get<unknown[] | undefined>(GUARDS_METADATA, target as never) ?? []) as unknown[];
    return guards.includes(ApiKeyGuard);
  }
}
