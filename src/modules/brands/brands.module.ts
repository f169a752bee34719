import { DynamicModule, Module, Provider } from '@nestjs/common';
import { LlmModule } from '../llm/llm.module';
import { BrandTool } from './brand.tool';
import { BrandVoicesController } from './brand-voices.controller';
import { BrandVoicesService } from './brand-voices.service';
import { BrandsController } from './brands.controller';
import { BrandsService } from './brands.service';
import { BrandVoicesRepository } from './persistence/brand-voices.repository';
import { BrandsRepository } from './persistence/brands.repository';
import { PersonasRepository } from './persistence/personas.repository';
import { VoiceLookupRepository } from './persistence/voice-lookup.repository';
import { PersonasController } from './personas.controller';
import { PersonasService } from './personas.service';
import { VoiceEmbedder } from './scoring/voice-embedder';
import { VoiceScorer } from './scoring/voice-scorer';
import { VoiceGuides } from './voice-guides';

/** What every process needs: the `brand` tool (scorer and voice guides), which runs in whichever process runs the agent. */
const BRAND_TOOL_PROVIDERS: Provider[] = [VoiceLookupRepository, VoiceEmbedder, VoiceScorer, VoiceGuides, BrandTool];

/**
 * Brands, their voices and personas, and the brand voice scorer (a plug-in: the tool registry
 * finds BrandTool by its decorator; nothing in the engine imports this module).
 */
@Module({})
export class BrandsModule {
  /** The API process: the /v1/brands endpoints, and the tool for runs it executes itself. */
  static forRoot(): DynamicModule {
    return {
      module: BrandsModule,
      imports: [LlmModule],
      controllers: [BrandsController, BrandVoicesController, PersonasController],
      providers: [...BRAND_TOOL_PROVIDERS, BrandsRepository, BrandVoicesRepository, PersonasRepository, BrandsService, BrandVoicesService, PersonasService],
      exports: [VoiceScorer, VoiceGuides],
    };
  }

  /** The worker process: no endpoints, the tool only. */
  static forWorker(): DynamicModule {
    return { module: BrandsModule, imports: [LlmModule], providers: BRAND_TOOL_PROVIDERS, exports: [VoiceScorer, VoiceGuides] };
  }
}
