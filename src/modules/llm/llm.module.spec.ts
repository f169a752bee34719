import { Test } from '@nestjs/testing';
import { loadConfig } from '../../config/app-config';
import { ConfigModule } from '../../config/config.module';
import { LlmModule } from './llm.module';
import { LlmService } from './llm.service';

describe(LlmModule.name, () => {
  it('should provide LlmService for the configured provider', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [ConfigModule.forRoot(loadConfig({ LLM_PROVIDER: 'offline' })), LlmModule] }).compile();
    const sut = moduleRef.get(LlmService);
    await expect(sut.generateText({ prompt: 'ping' })).resolves.toMatchObject({ text: 'Offline answer to: ping', provider: 'offline' });
    await moduleRef.close();
  });
});
