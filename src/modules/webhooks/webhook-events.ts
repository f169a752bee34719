import type { StoredRunEventType } from '../orchestration/events/run-event';

/** The run events an endpoint may subscribe to (a subset of the run's event log). */
export const WEBHOOK_EVENT_TYPES = [
  'run.completed',
  'run.failed',
  'run.cancelled',
  'run.timed_out',
  'run.approval_requested',
  'run.approval_decided',
  'run.waiting',
] as const satisfies readonly StoredRunEventType[];

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export function isWebhookEventType(type: string): type is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(type);
}
