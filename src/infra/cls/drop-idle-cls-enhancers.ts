import type { INestApplication } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR, ModulesContainer } from '@nestjs/core';
import type { ApplicationConfig } from '@nestjs/core';
import { ClsGuard, ClsInterceptor } from 'nestjs-cls';

/**
 * nestjs-cls 6 registers a global guard and a global interceptor even when, as here, CLS is
 * mounted by its middleware: they do nothing, but any global interceptor makes Nest wrap every
 * handler in rxjs `defer` plus `AsyncResource.bind`, which on Node 20 builds two deprecation
 * wrappers per call. On a bare route that was most of the request's CPU (see
 * scripts/bench/profile-runs.ts with BENCH_PROFILE_PATH=live). nestjs-cls 7 needs Node 22, so the
 * idle pair is taken out of the application's global enhancers here, before the routes are bound.
 * Mounted ones (a ClsGuard or ClsInterceptor) are left alone.
 */
export function dropIdleClsEnhancers(app: INestApplication): number {
  const idle = new Set<unknown>();
  for (const module of app.get(ModulesContainer).values()) {
    if (module.metatype?.name !== 'ClsRootModule') continue;
    for (const [token, wrapper] of module.providers) {
      const enhancer = typeof token === 'string' && (token.startsWith(APP_INTERCEPTOR) || token.startsWith(APP_GUARD)) ? wrapper.instance : undefined;
      if (enhancer && !(enhancer instanceof ClsInterceptor) && !(enhancer instanceof ClsGuard)) idle.add(enhancer);
    }
  }
  // Nest keeps the application's configuration private; these two lists are where APP_* providers land.
  const config = (app as unknown as { config: ApplicationConfig }).config;
  let dropped = 0;
  for (const list of [config.getGlobalInterceptors(), config.getGlobalGuards()]) {
    for (let i = list.length - 1; i >= 0; i--) {
      if (idle.has(list[i])) {
        list.splice(i, 1);
        dropped++;
      }
    }
  }
  return dropped;
}
