import { DynamicModule, Module, Provider } from '@nestjs/common';
import { LlmModule } from '../llm/llm.module';
import { ChunksRepository } from './chunks/chunks.repository';
import { DatasetsController } from './datasets.controller';
import { DatasetsRepository } from './datasets.repository';
import { DatasetsService } from './datasets.service';
import { DocumentQueries } from './document-queries';
import { DocumentsController } from './documents.controller';
import { DocumentsRepository } from './documents.repository';
import { KnowledgeSearch } from './knowledge-search';
import { EmbedStage } from './pipeline/embed-stage';
import { FetchStage } from './pipeline/fetch-stage';
import { IntakeLedger } from './pipeline/intake-ledger';
import { registerIntakeQueues } from './pipeline/intake-queue.registration';
import { IntakeQueues } from './pipeline/intake-queues';
import { IntakeRunner } from './pipeline/intake-runner';
import { IntakeSweeper } from './pipeline/intake-sweeper';
import { EmbedProcessor, FetchProcessor, NormalizeProcessor } from './pipeline/intake.processors';
import { NormalizeStage } from './pipeline/normalize-stage';
import { SourceFetcher } from './pipeline/source-fetcher';
import { KnowledgeSearchModule } from './search/knowledge-search.module';
import { SubmitDocument } from './submit-document';
import { KnowledgeSearchTool } from './tools/knowledge-search.tool';
import { DocumentRequestReader } from './upload/document-request-reader';
import { MultipartRegistration } from './upload/multipart-registration';

/** What every process has: datasets, search (and its tool, discovered by the tool registry), the queues' producer, the sweeper. */
const CORE: Provider[] = [DatasetsRepository, DatasetsService, DocumentsRepository, KnowledgeSearch, KnowledgeSearchTool, IntakeLedger, IntakeQueues, IntakeSweeper];

/** The intake consumers: the three stages and their processors. */
const CONSUMER: Provider[] = [ChunksRepository, SourceFetcher, FetchStage, NormalizeStage, EmbedStage, IntakeRunner, FetchProcessor, NormalizeProcessor, EmbedProcessor];

/** The HTTP side: documents submitted as JSON or multipart uploads. */
const API: Provider[] = [SubmitDocument, DocumentQueries, DocumentRequestReader, MultipartRegistration];

export interface KnowledgeOptions {
  /** The API also consumes the intake queues: on the embedded database, where it is the only process (see OrchestrationModule). */
  consumeQueues?: boolean;
}

type Role = 'api' | 'api+consumer' | 'worker';

/**
 * The knowledge base: datasets of documents (a URL, a text or an uploaded file), taken in on the
 * intake.fetch -> intake.normalize -> intake.embed queues, searched by the REST API and by agents
 * through the knowledge.search tool. One instance per process role.
 */
@Module({})
export class KnowledgeModule {
  private static readonly built = new Map<Role, DynamicModule>();

  static forRoot(options: KnowledgeOptions = {}): DynamicModule {
    return KnowledgeModule.once(options.consumeQueues ? 'api+consumer' : 'api', () => ({
      module: KnowledgeModule,
      imports: [LlmModule, KnowledgeSearchModule, registerIntakeQueues(options.consumeQueues ? 'worker' : 'api')],
      controllers: [DatasetsController, DocumentsController],
      providers: [...CORE, ...API, ...(options.consumeQueues ? CONSUMER : [])],
      exports: [KnowledgeSearch],
    }));
  }

  static forWorker(): DynamicModule {
    return KnowledgeModule.once('worker', () => ({
      module: KnowledgeModule,
      imports: [LlmModule, KnowledgeSearchModule, registerIntakeQueues('worker')],
      providers: [...CORE, ...CONSUMER],
      exports: [KnowledgeSearch],
    }));
  }

  // Nest tells dynamic modules apart by reference: a second build would be a second module.
  private static once(role: Role, build: () => DynamicModule): DynamicModule {
    let module = KnowledgeModule.built.get(role);
    if (!module) KnowledgeModule.built.set(role, (module = build()));
    return module;
  }
}
