import { Controller, Get, Post } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { ApiKeyGuard } from '../api-key.guard';
import { ApiKeyRateLimitGuard } from '../api-key-rate-limit.guard';
import { Authenticated } from '../authenticated.decorator';
import { PermissionGuard } from './permission.guard';
import { PermissionDeclarationsCheck } from './permission-declarations.check';
import { AnyMember, RequirePermission } from './require-permission.decorator';

@Authenticated()
@Controller('declared')
class DeclaredController {
  @Get() @RequirePermission('runs:read') list(): void {}
  @Post() @AnyMember() ping(): void {}
  /** Not a route: never needs a declaration. */
  helper(): void {}
}

@Authenticated()
@Controller('forgotten')
class ForgottenController {
  @Get() @RequirePermission('runs:read') list(): void {}
  @Post() create(): void {}
}

@Controller('public')
class PublicController {
  @Get() open(): void {}
}

async function checkOf(...controllers: Array<new () => unknown>): Promise<PermissionDeclarationsCheck> {
  // The guards are never run here, only named in metadata: stand-ins spare their dependencies.
  const moduleRef = await Test.createTestingModule({ imports: [DiscoveryModule], controllers, providers: [PermissionDeclarationsCheck] })
    .overrideGuard(ApiKeyGuard)
    .useValue({ canActivate: () => false })
    .overrideGuard(ApiKeyRateLimitGuard)
    .useValue({ canActivate: () => false })
    .overrideGuard(PermissionGuard)
    .useValue({ canActivate: () => false })
    .compile();
  return moduleRef.get(PermissionDeclarationsCheck);
}

describe(PermissionDeclarationsCheck.name, () => {
  it('should pass declared authenticated routes and public ones', async () => {
    const sut = await checkOf(DeclaredController, PublicController);
    expect(sut.undeclaredHandlers()).toEqual([]);
    expect(() => sut.onApplicationBootstrap()).not.toThrow();
  });

  it('should refuse to boot while an authenticated route declares no permission, naming it', async () => {
    const sut = await checkOf(DeclaredController, ForgottenController);
    expect(sut.undeclaredHandlers()).toEqual(['ForgottenController.create']);
    expect(() => sut.onApplicationBootstrap()).toThrow('ForgottenController.create');
  });
});
