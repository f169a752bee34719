import { BullModule } from '@nestjs/bullmq';
import { queueRegistration } from '../../../infra/queue/queue-registration';
import { WEBHOOK_DELIVER_QUEUE, WEBHOOK_JOB_OPTIONS } from './webhook-job';

/** The webhooks.deliver queue, connected as the process's role wants (queueRegistration). */
export function registerWebhookQueue(role: 'api' | 'worker') {
  return BullModule.registerQueueAsync(queueRegistration(WEBHOOK_DELIVER_QUEUE, role, WEBHOOK_JOB_OPTIONS));
}
