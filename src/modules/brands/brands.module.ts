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
import { VoiceScoringRepository } from './persistence/voice-scoring.repository';
import { PersonasController } from './personas.controller';
import { PersonasService } from './personas.service';
import { VoiceEmbedder } from './scoring/voice-embedder';
import { VoiceScorer } from './scoring/voice-scorer';

/** What every process needs: the scorer and the `brand` tool, which runs in whichever process runs the agent. */
const SCORING: Provider[] = [VoiceScoringRepository, VoiceEmbedder, VoiceScorer, BrandTool];

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
      providers: [...SCORING, BrandsRepository, BrandVoicesRepository, PersonasRepository, BrandsService, BrandVoicesService, PersonasService],
      exports: [VoiceScorer],
    };
  }

  /** The worker process: no endpoints, the tool only. */
  static forWorker(): DynamicModule {
    return { module: BrandsModule, imports: [LlmModule], providers: SCORING, exports: [VoiceScorer] };
  }
}
