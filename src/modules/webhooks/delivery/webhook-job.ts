/** The queue deliveries are sent from: produced wherever a run event happens, consumed by workers. */
export const WEBHOOK_DELIVER_QUEUE = 'webhooks.deliver';

/** Ids only: the delivery row holds the payload, the endpoint row the URL and secret. */
export interface WebhookDeliverJob {
  deliveryId: string;
}

/**
 * Deterministic per attempt: the listener, the sweeper and a manual retry asking for the same
 * attempt of the same delivery make one job; the next attempt is a job of its own (a delayed one).
 */
export function webhookJobId(deliveryId: string, attemptsMade: number): string {
  return `webhook-${deliveryId}-${attemptsMade}`;
}

/**
 * One BullMQ attempt per job: the retry schedule is the deliveries' own (delayed jobs, with
 * next_attempt_at recorded); a job that throws (the database away) is picked up by the sweeper.
 */
export const WEBHOOK_JOB_OPTIONS = { removeOnComplete: 200, removeOnFail: 500, attempts: 1 };
