import { Type } from 'class-transformer';
import { IsDate, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsStorableTimestamp } from '../../../common/validation/storable-timestamp';

/** `runs.start`: another agent's run, started once per step of the calling run. */
export class StartChildRunInput {
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  agent!: string;

  @IsObject()
  input!: Record<string, unknown>;

  /** Not before this time (a post's publication time, a sequence's next step): the child waits QUEUED. */
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  @IsStorableTimestamp()
  runAt?: Date;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  intent?: string;
}

/** `runs.get`: a run the calling run started (its status and output). */
export class GetChildRunInput {
  @IsUUID()
  runId!: string;
}
