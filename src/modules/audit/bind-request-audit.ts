import { type INestApplicationContext, RequestMethod } from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { NOT_A_CHANGE } from './not-a-change.decorator';
import { RequestAuditInterceptor } from './request-audit.interceptor';

const STATE_CHANGING = new Set<RequestMethod>([RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE]);

/**
 * Puts RequestAuditInterceptor on every POST, PUT, PATCH and DELETE handler under /v1 (but those
 * marked @NotAChange()), and on nothing else. Not a global interceptor: any global one makes Nest wrap every handler, reads
 * and probes included, in its interceptor machinery, the cost dropIdleClsEnhancers removed.
 * Must run before app.init() (routes read their interceptors when they are bound). Returns the
 * number of handlers bound.
 */
export function bindRequestAudit(app: INestApplicationContext): number {
  const interceptor = app.get(RequestAuditInterceptor, { strict: false });
  const scanner = new MetadataScanner();
  let bound = 0;
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const prototype = (wrapper.metatype as { prototype?: object } | null)?.prototype as Record<string, unknown> | undefined;
      if (!prototype || !wrapper.metatype) continue;
      const base = firstPath(Reflect.getMetadata(PATH_METADATA, wrapper.metatype));
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name] as object;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined || !STATE_CHANGING.has(method) || Reflect.getMetadata(NOT_A_CHANGE, handler) === true) continue;
        if (!isUnderV1(`${base}/${firstPath(Reflect.getMetadata(PATH_METADATA, handler))}`)) continue;
        const existing = (Reflect.getMetadata(INTERCEPTORS_METADATA, handler) as unknown[] | undefined) ?? [];
        if (existing.includes(interceptor)) continue;
        Reflect.defineMetadata(INTERCEPTORS_METADATA, [...existing, interceptor], handler);
        bound++;
      }
    }
  }
  return bound;
}

function firstPath(path: unknown): string {
  return (Array.isArray(path) ? String(path[0] ?? '') : typeof path === 'string' ? path : '').replace(/^\/+|\/+$/g, '');
}

function isUnderV1(path: string): boolean {
  const trimmed = path.replace(/^\/+/, '');
  return trimmed === 'v1' || trimmed.startsWith('v1/');
}
