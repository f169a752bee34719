import { DynamicModule, Module, Provider } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { Vault } from '../connectors/vault/vault';
import { OrchestrationModule } from '../orchestration/orchestration.module';
import { systemResolver } from '../../infra/network/guarded-agent';
import { DeliverWebhook } from './delivery/deliver-webhook';
import { WebhookDeliverProcessor } from './delivery/webhook-deliver.processor';
import { WebhookSubscriptions } from './delivery/webhook-subscriptions';
import { WebhookFanOut } from './delivery/webhook-fan-out';
import { WebhookQueue } from './delivery/webhook-queue';
import { registerWebhookQueue } from './delivery/webhook-queue.registration';
import { WebhookSender } from './delivery/webhook-sender';
import { WebhookSweeper } from './delivery/webhook-sweeper';
import { DeliveryLedger } from './persistence/delivery-ledger';
import { WebhookDeliveriesRepository } from './persistence/webhook-deliveries.repository';
import { WebhookEndpointsRepository } from './persistence/webhook-endpoints.repository';
import { WebhookDeliveries } from './webhook-deliveries';
import { WebhookEndpoints } from './webhook-endpoints';
import { WebhookMetrics, webhookMetricProviders } from './webhook-metrics';
import { WebhookSecrets } from './webhook-secrets';
import { WebhookUrlPolicy, WEBHOOK_HOST_RESOLVER } from './webhook-url-policy';
import { WebhooksController } from './webhooks.controller';

/**
 * What every process has: the run-event listener that creates deliveries, the queue's producer
 * and the sweeper. The vault is a stateless key ring: its own instance here rather than an import
 * of the connectors plug-in.
 */
const CORE: Provider[] = [Vault, WebhookSecrets, DeliveryLedger, WebhookQueue, WebhookSubscriptions, WebhookFanOut, WebhookSweeper, ...webhookMetricProviders, WebhookMetrics];

/** The webhooks.deliver consumer. */
const CONSUMER: Provider[] = [WebhookSender, DeliverWebhook, WebhookDeliverProcessor];

/** The REST API. */
const API: Provider[] = [WebhookEndpointsRepository, WebhookDeliveriesRepository, WebhookEndpoints, WebhookDeliveries, WebhookUrlPolicy, { provide: WEBHOOK_HOST_RESOLVER, useValue: systemResolver }];

export interface WebhooksOptions {
  /** The API also sends deliveries: on the embedded database, where it is the only process (see OrchestrationModule). */
  consumeQueue?: boolean;
}

/**
 * Signed webhooks (Standard Webhooks) of run events: a plug-in on the run engine's event socket
 * (RunEvents.listen). Deliveries are created wherever a run event happens and sent from the
 * webhooks.deliver queue by workers.
 */
@Module({})
export class WebhooksModule {
  /** `engine`: the app's own run engine module (Nest tells dynamic modules apart by reference). */
  static forRoot(engine: DynamicModule = OrchestrationModule.forRoot(), options: WebhooksOptions = {}): DynamicModule {
    return {
      module: WebhooksModule,
      imports: [engine, AuditModule, registerWebhookQueue(options.consumeQueue ? 'worker' : 'api')],
      controllers: [WebhooksController],
      providers: [...CORE, ...API, ...(options.consumeQueue ? CONSUMER : [])],
    };
  }

  static forWorker(): DynamicModule {
    return { module: WebhooksModule, imports: [OrchestrationModule.forWorker(), registerWebhookQueue('worker')], providers: [...CORE, ...CONSUMER] };
  }
}
