import { DynamicModule, Module, Provider } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { AppConfig, loadConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { RequestContextModule } from './infra/cls/cls.module';
import { LoggingModule } from './infra/logging/logging.module';
import { PrismaModule } from './infra/prisma/prisma.module';
import { RedisModule } from './infra/redis/redis.module';
import { AgentConfigModule } from './modules/agent-config/agent-config.module';
import { ApiKeysModule } from './modules/api-keys/api-keys.module';
import { AuditHttpModule } from './modules/audit/audit-http.module';
import { AudienceHttpModule } from './modules/audience/audience.module';
import { AuthModule } from './modules/auth/auth.module';
import { BrandsModule } from './modules/brands/brands.module';
import { ContentModule } from './modules/content/content.module';
import { HealthModule } from './modules/health/health.module';
import { LlmModule } from './modules/llm/llm.module';
import { UsageModule } from './modules/usage/usage.module';
import { MeModule } from './modules/me/me.module';
import { MembersModule } from './modules/members/members.module';
import { MetricsModule } from './modules/metrics/metrics.module';
import { ConnectorActionsModule } from './modules/connector-actions/connector-actions.module';
import { ConnectorsModule } from './modules/connectors/connectors.module';
import { CampaignsModule } from './modules/campaigns/campaigns.module';
import { EmailModule } from './modules/email/email.module';
import { OrchestrationModule } from './modules/orchestration/orchestration.module';
import { TelemetryModule } from './modules/telemetry/telemetry.module';
import { MemoryModule } from './modules/memory/memory.module';
import { QueueModule } from './infra/queue/queue.module';
import { QueueTopologyCheck } from './infra/queue/queue-topology';
import { KnowledgeModule } from './modules/knowledge/knowledge.module';
import { LearningModule } from './modules/learning/learning.module';
import { SmsModule } from './modules/sms/sms.module';
import { SchedulesModule } from './modules/schedules/schedules.module';
import { SeoModule } from './modules/seo/seo.module';
import { TrendsModule } from './modules/trends/trends.module';
import { SocialModule } from './modules/social/social.module';
import { WebhooksModule } from './modules/webhooks/webhooks.module';
import { SupportModule } from './modules/support/support.module';
import { AdsModule } from './modules/ads/ads.module';
import { GovernanceModule } from './modules/governance/governance.module';

/** Composes infrastructure, the run engine and its plug-ins for the HTTP API. */
@Module({})
export class AppModule {
  /** `extraProviders`: e.g. more @Agent providers, discovered like the built-in ones (tests, embedders). */
  static forRoot(config: AppConfig = loadConfig(), extraProviders: Provider[] = []): DynamicModule {
    // The embedded database admits one process: the API then consumes the queues itself.
    const consumer = config.databaseUrl === undefined;
    const engine = OrchestrationModule.forRoot({ consumeQueue: consumer });
    const brands = BrandsModule.forRoot();
    const schedules = SchedulesModule.forRoot(engine, { consumeQueue: consumer });
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
        AuditHttpModule,
        MeModule,
        MembersModule,
        brands,
        engine,
        ConnectorsModule.forRoot(),
        AgentConfigModule.forRoot(),
        ConnectorActionsModule.forRoot(engine),
        KnowledgeModule.forRoot({ consumeQueues: consumer }),
        MemoryModule,
        ContentModule.forRoot(brands),
        schedules,
        SocialModule.forRoot(schedules),
        WebhooksModule.forRoot(engine, { consumeQueue: consumer }),
        AudienceHttpModule,
        SmsModule.forRoot(),
        CampaignsModule.forRoot(engine),
        SupportModule.forRoot(),
        AdsModule,
        EmailModule.forRoot(),
        LearningModule.forRoot(schedules),
        SeoModule.forRoot(schedules),
        TrendsModule.forRoot(),
        GovernanceModule.forRoot({ consumeQueues: consumer }),
      ],
      // A consuming API checks its queues and processors pair one to one; a producing-only one has no processors.
      providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }, ...(consumer ? [QueueTopologyCheck] : []), ...extraProviders],
    };
  }
}
