import { Processor } from '@nestjs/bullmq';
import { RUN_QUEUES, type RunQueueName } from '../../agents/agent-queues';
import { RunJobProcessor } from './run-job.processor';

/*
 * One consumer per run queue, each the same RunJobProcessor on its own queue. Written out rather
 * than generated, so each is a class the container and the topology check can name, and a queue
 * added to RUN_QUEUES without its line here fails the worker's boot check.
 */
@Processor(RUN_QUEUES.agentRun, { autorun: false })
export class AgentRunProcessor extends RunJobProcessor {
  protected readonly queueName: RunQueueName = RUN_QUEUES.agentRun;
}

@Processor(RUN_QUEUES.emailCompose, { autorun: false })
export class EmailComposeProcessor extends RunJobProcessor {
  protected readonly queueName: RunQueueName = RUN_QUEUES.emailCompose;
}

@Processor(RUN_QUEUES.emailSend, { autorun: false })
export class EmailSendProcessor extends RunJobProcessor {
  protected readonly queueName: RunQueueName = RUN_QUEUES.emailSend;
}

@Processor(RUN_QUEUES.smsCompose, { autorun: false })
export class SmsComposeProcessor extends RunJobProcessor {
  protected readonly queueName: RunQueueName = RUN_QUEUES.smsCompose;
}

@Processor(RUN_QUEUES.smsSend, { autorun: false })
export class SmsSendProcessor extends RunJobProcessor {
  protected readonly queueName: RunQueueName = RUN_QUEUES.smsSend;
}

@Processor(RUN_QUEUES.socialCompose, { autorun: false })
export class SocialComposeProcessor extends RunJobProcessor {
  protected readonly queueName: RunQueueName = RUN_QUEUES.socialCompose;
}

@Processor(RUN_QUEUES.socialPublish, { autorun: false })
export class SocialPublishProcessor extends RunJobProcessor {
  protected readonly queueName: RunQueueName = RUN_QUEUES.socialPublish;
}

@Processor(RUN_QUEUES.learningTune, { autorun: false })
export class LearningTuneProcessor extends RunJobProcessor {
  protected readonly queueName: RunQueueName = RUN_QUEUES.learningTune;
}

@Processor(RUN_QUEUES.budgetExecute, { autorun: false })
export class BudgetExecuteProcessor extends RunJobProcessor {
  protected readonly queueName: RunQueueName = RUN_QUEUES.budgetExecute;
}

@Processor(RUN_QUEUES.seoAnalytics, { autorun: false })
export class SeoAnalyticsProcessor extends RunJobProcessor {
  protected readonly queueName: RunQueueName = RUN_QUEUES.seoAnalytics;
}

export const RUN_QUEUE_PROCESSORS = [
  AgentRunProcessor,
  EmailComposeProcessor,
  EmailSendProcessor,
  SmsComposeProcessor,
  SmsSendProcessor,
  SocialComposeProcessor,
  SocialPublishProcessor,
  LearningTuneProcessor,
  BudgetExecuteProcessor,
  SeoAnalyticsProcessor,
];
