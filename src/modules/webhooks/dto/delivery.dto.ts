import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { WebhookDeliveryRecord } from '../persistence/webhook-deliveries.repository';
import { WEBHOOK_EVENT_TYPES } from '../webhook-events';

export class WebhookDeliveryResponse {
  @ApiProperty({ format: 'uuid', description: 'Also the webhook-id header, the same on every attempt' }) id!: string;
  @ApiProperty({ format: 'uuid' }) endpointId!: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The run event delivered (its id in GET /v1/runs/:id/events)' }) eventId!: string | null;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES }) eventType!: string;
  @ApiProperty({ enum: ['PENDING', 'SUCCEEDED', 'FAILED'] }) status!: string;
  @ApiProperty({ description: 'Attempts made so far' }) attempts!: number;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'When the next attempt is due (PENDING only)' }) nextAttemptAt!: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: "The receiver's status code at the last attempt; null when it could not be reached" })
  lastStatusCode!: number | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'the receiver answered 500' }) lastError!: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) deliveredAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The body sent: {type, timestamp, data}' }) payload!: Record<string, unknown>;
}

export class WebhookDeliveryPage {
  @ApiProperty({ type: [WebhookDeliveryResponse] }) items!: WebhookDeliveryResponse[];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last page' }) nextCursor!: string | null;
}

export function toDeliveryResponse(delivery: WebhookDeliveryRecord): WebhookDeliveryResponse {
  return {
    id: delivery.id,
    endpointId: delivery.endpointId,
    eventId: delivery.eventId === null ? null : delivery.eventId.toString(),
    eventType: delivery.eventType,
    status: delivery.status,
    attempts: delivery.attempts,
    nextAttemptAt: delivery.nextAttemptAt?.toISOString() ?? null,
    lastStatusCode: delivery.lastStatusCode,
    lastError: delivery.lastError,
    deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
    createdAt: delivery.createdAt.toISOString(),
    payload: delivery.payload as Record<string, unknown>,
  };
}
