import { loadConfig } from '../../../src/config/app-config';
import { LanguageModels } from '../../../src/modules/llm/language-models';
import { LlmService } from '../../../src/modules/llm/llm.service';

export const WIRE_API_KEY = 'sk-wire-test';

// The fakes' made-up model names make the providers warn ("unknown model, compatibility mode") on
// every call; in the app those warnings go to the structured log (SdkWarnings), here nowhere.
(globalThis as { AI_SDK_LOG_WARNINGS?: false }).AI_SDK_LOG_WARNINGS = false;

/**
 * An LlmService whose real provider package speaks to a local fake at `baseUrl`, configured
 * through the same LLM_* variables as production. `env` overrides, e.g. a small LLM_TIMEOUT_MS.
 */
export function wireLlmService(provider: 'openai' | 'openai-compatible' | 'anthropic', baseUrl: string, env: Record<string, string> = {}): LlmService {
  const config = loadConfig({
    LLM_PROVIDER: provider,
    LLM_API_KEY: WIRE_API_KEY,
    LLM_MODEL: 'wire-model',
    EMBEDDING_MODEL: 'wire-embedding',
    EMBEDDING_DIMENSIONS: '8',
    LLM_BASE_URL: baseUrl,
    ...env,
  });
  return new LlmService(new LanguageModels(config));
}
