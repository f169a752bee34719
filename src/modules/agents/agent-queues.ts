/**
 * The queues runs travel on. Most agents run on agent.run; the channel agents run on the seed
 * queues named for their stage, so an operator sees each stage's backlog on its own (how many
 * emails wait to be sent, posts to be published, budget changes to be applied) and a worker
 * fleet can be sized per stage. A run stays on its agent's queue for its whole life, including
 * its wake-ups after a wait.
 */
export const RUN_QUEUES = {
  agentRun: 'agent.run',
  emailCompose: 'email.compose',
  emailSend: 'email.send',
  smsCompose: 'sms.compose',
  smsSend: 'sms.send',
  socialCompose: 'social.compose',
  socialPublish: 'social.publish',
  learningTune: 'learning.tune',
  budgetExecute: 'budget.execute',
  seoAnalytics: 'seo.analytics',
} as const;

export type RunQueueName = (typeof RUN_QUEUES)[keyof typeof RUN_QUEUES];

export const ALL_RUN_QUEUES: readonly RunQueueName[] = Object.values(RUN_QUEUES);
