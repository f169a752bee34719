import { Module } from '@nestjs/common';
import { LlmModule } from '../llm/llm.module';
import { UsageController } from './usage.controller';
import { UsageService } from './usage.service';

/** GET /v1/usage: what an agency bills its clients for. */
@Module({ imports: [LlmModule], controllers: [UsageController], providers: [UsageService] })
export class UsageModule {}
