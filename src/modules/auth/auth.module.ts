import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { ApiKeyGuard } from './api-key.guard';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { PermissionDeclarationsCheck } from './permissions/permission-declarations.check';
import { PermissionGuard } from './permissions/permission.guard';

@Global()
@Module({
  imports: [ApiKeysModule, DiscoveryModule],
  providers: [ApiKeyGuard, PermissionGuard, AuthFailureLimiter, PermissionDeclarationsCheck],
  exports: [ApiKeyGuard, PermissionGuard, AuthFailureLimiter, ApiKeysModule],
})
export class AuthModule {}
