import { loadConfig } from '../../config/app-config';
import { LanguageModels } from './language-models';
import { ModelNotAllowedError } from './llm-error';
import { LlmService } from './llm.service';

describe(LanguageModels.name, () => {
  const sut = new LanguageModels(loadConfig({ LLM_PROVIDER: 'offline', LLM_ALLOWED_MODELS: 'offline-large' }));

  it('should answer LLM_MODEL when a call names no model, or names it', () => {
    expect(sut.languageFor()).toBe(sut.language);
    expect(sut.languageFor('offline-template')).toBe(sut.language);
  });

  it('should build an allowed model on the configured provider once, and reuse it', () => {
    const large = sut.languageFor('offline-large');
    expect(large).toMatchObject({ provider: 'offline', modelId: 'offline-large' });
    expect(sut.languageFor('offline-large')).toBe(large);
  });

  it('should refuse a model the deployment does not allow, naming the allowed ones', () => {
    expect(() => sut.languageFor('gpt-4o')).toThrow(ModelNotAllowedError);
    expect(() => sut.languageFor('gpt-4o')).toThrow('model gpt-4o is not allowed in this deployment; allowed: offline-template, offline-large');
  });

  it('should answer a call from the model it names', async () => {
    const llm = new LlmService(sut);
    await expect(llm.generateText({ prompt: 'hello', model: 'offline-large' })).resolves.toMatchObject({ model: 'offline-large' });
    await expect(llm.generateText({ prompt: 'hello', model: 'gpt-4o' })).rejects.toMatchObject({ category: 'INVALID_REQUEST', retryable: false });
  });
});
