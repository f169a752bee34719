import { DynamicModule, Module, type Provider } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { AppConfig, loadConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { RequestContextModule } from './infra/cls/cls.module';
import { LoggingModule } from './infra/logging/logging.module';
import { PrismaModule } from './infra/prisma/prisma.module';
import { QueueModule } from './infra/queue/queue.module';
import { QueueTopologyCheck } from './infra/queue/queue-topology';
import { RedisModule } from './infra/redis/redis.module';
import { AgentConfigModule } from './modules/agent-config/agent-config.module';
import { AudienceModule } from './modules/audience/audience.module';
import { CampaignsModule } from './modules/campaigns/campaigns.module';
import { BrandsModule } from './modules/brands/brands.module';
import { ContentModule } from './modules/content/content.module';
import { HealthModule } from './modules/health/health.module';
import { LlmModule } from './modules/llm/llm.module';
import { MetricsModule } from './modules/metrics/metrics.module';
import { ConnectorActionsModule } from './modules/connector-actions/connector-actions.module';
import { ConnectorsModule } from './modules/connectors/connectors.module';
import { EmailModule } from './modules/email/email.module';
import { OrchestrationModule } from './modules/orchestration/orchestration.module';
import { TelemetryModule } from './modules/telemetry/telemetry.module';
import { KnowledgeModule } from './modules/knowledge/knowledge.module';
import { LearningModule } from './modules/learning/learning.module';
import { MemoryModule } from './modules/memory/memory.module';
import { SmsModule } from './modules/sms/sms.module';
import { SchedulesModule } from './modules/schedules/schedules.module';
import { SeoModule } from './modules/seo/seo.module';
import { TrendsModule } from './modules/trends/trends.module';
import { SocialModule } from './modules/social/social.module';
import { WebhooksModule } from './modules/webhooks/webhooks.module';
import { SupportModule } from './modules/support/support.module';
import { AdsModule } from './modules/ads/ads.module';
import { GovernanceModule } from './modules/governance/governance.module';

/**
 * The worker process: consumes every queue it registers (agent.run, the intake queues,
 * schedules.tick, webhooks.deliver, ...), each by exactly one processor, checked at boot. Its
 * HTTP surface: health, metrics and, with QUEUE_DASHBOARD_KEY, the queue dashboard.
 */
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
        AgentConfigModule.forWorker(),
        ConnectorActionsModule.forWorker(),
        KnowledgeModule.forWorker(),
        MemoryModule,
        ContentModule.forWorker(),
        SchedulesModule.forWorker(),
        SocialModule.forWorker(),
        WebhooksModule.forWorker(),
        AudienceModule,
        SmsModule.forWorker(),
        CampaignsModule.forWorker(),
        SupportModule.forWorker(),
        AdsModule,
        EmailModule.forWorker(),
        LearningModule.forWorker(),
        SeoModule.forWorker(),
        TrendsModule.forWorker(),
        GovernanceModule.forWorker(),
      ],
      providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }, QueueTopologyCheck, ...extraProviders],
    };
  }
}
