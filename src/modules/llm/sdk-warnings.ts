import { Injectable, OnModuleInit } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';

/**
 * The AI SDK prints its warnings (an unsupported setting, a compatibility mode) to the console
 * through a global hook. They go to our structured log instead, with the provider and model, so
 * they carry the request id and respect LOG_LEVEL like every other line.
 */
/** The shape of the AI SDK's `AI_SDK_LOG_WARNINGS` hook (not exported by the package). */
type LogWarnings = (options: { warnings: unknown[]; provider: string; model: string }) => void;

@Injectable()
export class SdkWarnings implements OnModuleInit {
  constructor(private readonly logger: PinoLogger) {
    logger.setContext('LlmSdk');
  }

  onModuleInit(): void {
    const log: LogWarnings = ({ warnings, provider, model }) => {
      if (warnings.length > 0) this.logger.warn({ provider, model, warnings }, 'model provider warned');
    };
    (globalThis as { AI_SDK_LOG_WARNINGS?: LogWarnings | false }).AI_SDK_LOG_WARNINGS = log;
  }
}
