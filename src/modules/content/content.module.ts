import { DynamicModule, Module, type Provider } from '@nestjs/common';
import { BrandsModule } from '../brands/brands.module';
import { BrandVoiceAgent } from './agents/brand-voice.agent';
import { ContentAgent } from './agents/content.agent';
import { ContentQueries } from './content-queries';
import { ContentController } from './content.controller';
import { EditContent } from './editing/edit-content';
import { ContentsRepository } from './persistence/contents.repository';

/** What runs an agent needs wherever it runs: the agents (found by the agent registry) and the repository they commit through. */
const AGENTS: Provider[] = [ContentsRepository, ContentAgent, BrandVoiceAgent];

/**
 * Content: the content and brand-voice agents (a plug-in: they reach knowledge, brands and the
 * model through their tools), and the review API for what the content agent writes.
 */
@Module({})
export class ContentModule {
  /** `brands`: the app's own brands module (Nest tells dynamic modules apart by reference), whose scorer scores people's edits. */
  static forRoot(brands: DynamicModule = BrandsModule.forRoot()): DynamicModule {
    return { module: ContentModule, imports: [brands], controllers: [ContentController], providers: [...AGENTS, ContentQueries, EditContent] };
  }

  static forWorker(): DynamicModule {
    return { module: ContentModule, providers: AGENTS };
  }
}
