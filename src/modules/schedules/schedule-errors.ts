import { NotFoundError } from '../../common/errors/domain-errors';

/** A schedule that does not exist or belongs to another organization: one answer, so ids leak nothing. */
export class ScheduleNotFoundError extends NotFoundError {
  constructor(scheduleId: string) {
    super('schedule', scheduleId);
  }
}
