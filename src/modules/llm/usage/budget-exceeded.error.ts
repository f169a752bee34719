import { ClassifiedError } from '../../../infra/resilience/classified-error';

/** A model call the organization's monthly token budget cannot cover: refused before it reaches the model. */
export class BudgetExceededError extends ClassifiedError {
  readonly category = 'BUDGET_EXCEEDED';
  readonly retryable = false;
  readonly statusCode = 402;

  constructor(readonly details: { budget: number; used: number; requested: number; month: string }) {
    super(
      `the organization's monthly token budget is spent: ${details.used} of ${details.budget} tokens used in ${details.month}, ` +
        `this call needs up to ${details.requested}; raise the budget or wait for next month`,
    );
  }
}
