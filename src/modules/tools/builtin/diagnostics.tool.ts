import { ValidationFailedError } from '../../../common/errors/domain-errors';
import { ToolProvider } from '../tool.decorator';
import type { ToolAction, ToolCallContext, ToolDefinition } from '../tool.types';

/**
 * The built-in mock tool the echo agent calls. Deterministic (its answer derives from the input
 * and the call's idempotency key, never the clock) and validating, like any real tool.
 */
@ToolProvider()
export class DiagnosticsTool implements ToolDefinition {
  readonly name = 'diagnostics';
  readonly description = 'Built-in mock tool for smoke tests: echoes what it is sent';
  readonly actions: Record<string, ToolAction> = {
    echo: {
      description: 'Returns the message it was sent',
      execute: async (input: Record<string, unknown>, context: ToolCallContext) => {
        if (typeof input.message !== 'string') throw new ValidationFailedError(['message'], 'diagnostics.echo needs a string message');
        return { echoed: input.message, call: input.call ?? null, idempotencyKey: context.idempotencyKey };
      },
    },
  };
}
