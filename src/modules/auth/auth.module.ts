import { Global, Module } from '@nestjs/common';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { ApiKeyGuard } from './api-key.guard';

@Global()
@Module({ imports: [ApiKeysModule], providers: [ApiKeyGuard], exports: [ApiKeyGuard, ApiKeysModule] })
export class AuthModule {}
