import { DynamicModule, Module, type Provider } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { AppConfig, loadConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { RequestContextModule } from './infra/cls/cls.module';
import { LoggingModule } from './infra/logging/logging.module';
import { PrismaModule } from './infra/prisma/prisma.module';
import { QueueModule } from './infra/queue/queue.module';
import { RedisModule } from './infra/redis/redis.module';
import { BrandsModule } from './modules/brands/brands.module';
import { HealthModule } from './modules/health/health.module';
import { LlmModule } from './modules/llm/llm.module';
import { MetricsModule } from './modules/metrics/metrics.module';
import { ConnectorActionsModule } from './modules/connector-actions/connector-actions.module';
import { ConnectorsModule } from './modules/connectors/connectors.module';
import { OrchestrationModule } from './modules/orchestration/orchestration.module';
import { TelemetryModule } from './modules/telemetry/telemetry.module';
import { KnowledgeModule } from './modules/knowledge/knowledge.module';
import { MemoryModule } from './modules/memory/memory.module';
import { SchedulesModule } from './modules/schedules/schedules.module';
import { SeoModule } from './modules/seo/seo.module';
import { TrendsModule } from './modules/trends/trends.module';
import { WebhooksModule } from './modules/webhooks/webhooks.module';

/** The worker process: consumes agent.run, the intake queues and schedules.tick; its only HTTP surface is health and metrics. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig = loadConfig(), extraProviders: Provider[] = []): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        RequestContextModule,
        LoggingModule,
        PrismaModule,
        RedisModule,
        QueueModule,
        MetricsModule,
        TelemetryModule,
        HealthModule,
        LlmModule,
        BrandsModule.forWorker(),
        OrchestrationModule.forWorker(),
        ConnectorsModule.forWorker(),
        ConnectorActionsModule.forWorker(),
        KnowledgeModule.forWorker(),
        MemoryModule,
        SchedulesModule.forWorker(),
        WebhooksModule.forWorker(),
        SeoModule.forWorker(),
        TrendsModule.forWorker(),
      ],
      providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }, ...extraProviders],
    };
  }
}
