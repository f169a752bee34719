import { Global, Module } from '@nestjs/common';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { ApiKeyGuard } from './api-key.guard';
import { AuthFailureLimiter } from './auth-failure-limiter';

@Global()
@Module({ imports: [ApiKeysModule], providers: [ApiKeyGuard, AuthFailureLimiter], exports: [ApiKeyGuard, AuthFailureLimiter, ApiKeysModule] })
export class AuthModule {}
