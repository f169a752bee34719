import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { MetricsModule } from '../metrics/metrics.module';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeyRateLimitGuard } from './api-key-rate-limit.guard';
import { ApiKeyRequestLimiter } from './api-key-request-limiter';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { PermissionDeclarationsCheck } from './permissions/permission-declarations.check';
import { PermissionGuard } from './permissions/permission.guard';

@Global()
@Module({
  imports: [ApiKeysModule, DiscoveryModule, MetricsModule],
  providers: [ApiKeyGuard, ApiKeyRateLimitGuard, PermissionGuard, ApiKeyRequestLimiter, AuthFailureLimiter, PermissionDeclarationsCheck],
  exports: [ApiKeyGuard, ApiKeyRateLimitGuard, PermissionGuard, ApiKeyRequestLimiter, AuthFailureLimiter, ApiKeysModule],
})
export class AuthModule {}
