import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { PinoLogger } from 'nestjs-pino';
import { strictDouble } from '../../../test/support/strict-double';
import { Sql } from '../../infra/database/sql';
import { RedisService } from '../../infra/redis/redis.service';
import { loadConfig } from '../../config/app-config';
import { ConfigModule } from '../../config/config.module';
import { LlmModule } from './llm.module';
import { LlmService } from './llm.service';

/** What the app's global modules provide; the bare port touches none of it. */
@Global()
@Module({
  providers: [
    { provide: Sql, useValue: strictDouble<Sql>('Sql', {}) },
    { provide: RedisService, useValue: strictDouble<RedisService>('RedisService', {}) },
    { provide: PinoLogger, useValue: { setContext: () => undefined } },
  ],
  exports: [Sql, RedisService, PinoLogger],
})
class AppGlobals {}

describe(LlmModule.name, () => {
  it('should provide LlmService for the configured provider', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [ConfigModule.forRoot(loadConfig({ LLM_PROVIDER: 'offline' })), AppGlobals, LlmModule] }).compile();
    const sut = moduleRef.get(LlmService);
    await expect(sut.generateText({ prompt: 'ping' })).resolves.toMatchObject({ text: 'Offline answer to: ping', provider: 'offline' });
    await moduleRef.close();
  });
});
