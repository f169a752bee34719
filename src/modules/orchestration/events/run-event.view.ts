import { ApiProperty } from '@nestjs/swagger';
import { STORED_RUN_EVENT_TYPES, TEXT_DELTA_EVENT, type RunEventMessage, type RunEventRecord, type RunTextDelta } from './run-event';

/** A stored event as the API shows it: the `data:` of its SSE event and an item of the JSON page. */
export class RunEventView {
  @ApiProperty({ example: '1042', description: 'Increasing within the run: the SSE id, what Last-Event-ID and `after` take' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  runId!: string;

  @ApiProperty({ enum: STORED_RUN_EVENT_TYPES })
  type!: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'What the event says (step, tool, action, status, reason, ...)' })
  data!: Record<string, unknown>;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;
}

/** A live model text delta (SSE only, never stored, no id): the controller's description documents it. */
export interface RunTextDeltaView {
  runId: string;
  type: typeof TEXT_DELTA_EVENT;
  /** The model call step the text belongs to. */
  step: number;
  delta: string;
}

export class RunEventPage {
  @ApiProperty({ type: [RunEventView] })
  items!: RunEventView[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `after` for the next page; null on the last page so far (a running run may add more)' })
  nextCursor!: string | null;
}

export function toRunEventView(event: RunEventRecord): RunEventView;
export function toRunEventView(event: RunEventMessage): RunEventView | RunTextDeltaView;
export function toRunEventView(event: RunEventMessage): RunEventView | RunTextDeltaView {
  if (event.type === TEXT_DELTA_EVENT) {
    const delta = event as RunTextDelta;
    return { runId: delta.runId, type: delta.type, step: delta.step, delta: delta.delta };
  }
  const stored = event as RunEventRecord;
  return { id: stored.id, runId: stored.runId, type: stored.type, data: stored.data, createdAt: stored.createdAt };
}
