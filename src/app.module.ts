import { DynamicModule, Module, Provider } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { AppConfig, loadConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { RequestContextModule } from './infra/cls/cls.module';
import { LoggingModule } from './infra/logging/logging.module';
import { PrismaModule } from './infra/prisma/prisma.module';
import { RedisModule } from './infra/redis/redis.module';
import { ApiKeysModule } from './modules/api-keys/api-keys.module';
import { AuthModule } from './modules/auth/auth.module';
import { BrandsModule } from './modules/brands/brands.module';
import { HealthModule } from './modules/health/health.module';
import { LlmModule } from './modules/llm/llm.module';
import { UsageModule } from './modules/usage/usage.module';
import { MeModule } from './modules/me/me.module';
import { MetricsModule } from './modules/metrics/metrics.module';
import { ConnectorActionsModule } from './modules/connector-actions/connector-actions.module';
import { ConnectorsModule } from './modules/connectors/connectors.module';
import { OrchestrationModule } from './modules/orchestration/orchestration.module';
import { TelemetryModule } from './modules/telemetry/telemetry.module';
import { MemoryModule } from './modules/memory/memory.module';
import { QueueModule } from './infra/queue/queue.module';
import { KnowledgeModule } from './modules/knowledge/knowledge.module';
import { SchedulesModule } from './modules/schedules/schedules.module';
import { SeoModule } from './modules/seo/seo.module';
import { TrendsModule } from './modules/trends/trends.module';
import { WebhooksModule } from './modules/webhooks/webhooks.module';

/** Composes infrastructure, the run engine and its plug-ins for the HTTP API. */
@Module({})
export class AppModule {
  /** `extraProviders`: e.g. more @Agent providers, discovered like the built-in ones (tests, embedders). */
  static forRoot(config: AppConfig = loadConfig(), extraProviders: Provider[] = []): DynamicModule {
    // The embedded database admits one process: the API then runs async runs itself.
    const engine = OrchestrationModule.forRoot({ consumeQueue: config.databaseUrl === undefined });
    const schedules = SchedulesModule.forRoot(engine, { consumeQueue: config.databaseUrl === undefined });
    return {
      module: AppModule,
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
        UsageModule,
        AuthModule,
        ApiKeysModule,
        MeModule,
        BrandsModule.forRoot(),
        engine,
        ConnectorsModule.forRoot(),
        ConnectorActionsModule.forRoot(engine),
        KnowledgeModule.forRoot({ consumeQueues: config.databaseUrl === undefined }),
        MemoryModule,
        schedules,
        WebhooksModule.forRoot(engine, { consumeQueue: config.databaseUrl === undefined }),
        SeoModule.forRoot(schedules),
        TrendsModule.forRoot(),
      ],
      providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }, ...extraProviders],
    };
  }
}
