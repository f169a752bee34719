import { setTimeout as delay } from 'node:timers/promises';
import { AuditService } from '../../audit/audit.service';
import { Agent } from '../agent.decorator';
import { RetryableError } from '../agent-errors';
import type { AgentHandler, AgentRunContext } from '../agent.types';
import type { ApprovalDecision } from '../run-waits';
import { EchoInput } from './echo.input';

export const ECHO_AGENT = 'echo';
export const DIAGNOSTICS_ECHO_TOOL = 'diagnostics.echo';

export class EchoFatalError extends Error {
  override readonly name = 'EchoFatalError';
}

export interface EchoOutput {
  message?: string;
  approval?: ApprovalDecision;
}

/**
 * Smoke tests a deployment and drives every policy from a test: tool calls (recorded), a
 * cancellable wait, a durable sleep, an approval, and failures on demand. Asked to (`audit`), its success writes one audit row
 * through the run's commit transaction, so a test can prove a failed run leaves none.
 */
@Agent({
  name: ECHO_AGENT,
  kind: 'DIAGNOSTIC',
  description: 'Diagnostics: calls the mock tool toolCalls times, sleeps sleepMs (durably), waits delayMs, asks for approval if asked, then fails as asked or echoes the message',
  input: EchoInput,
  tools: [DIAGNOSTICS_ECHO_TOOL],
  enabled: (config) => config.echoAgentEnabled,
})
export class EchoAgent implements AgentHandler<EchoInput, EchoOutput> {
  constructor(private readonly audit: AuditService) {}

  async run(input: EchoInput, context: AgentRunContext): Promise<EchoOutput> {
    for (let call = 1; call <= (input.toolCalls ?? 0); call++) {
      await context.tools.call('diagnostics', 'echo', { message: input.message ?? '', call });
    }
    if (input.sleepMs !== undefined) await context.sleep(input.sleepMs);
    if (input.delayMs) await delay(input.delayMs, undefined, { signal: context.signal });
    const approval = input.requireApproval
      ? await context.approval.request({ title: 'Echo asks to reply', summary: 'A diagnostics run asks before it replies', payload: { message: input.message ?? '' }, expiresInMs: input.approvalExpiresInMs })
      : undefined;
    if (input.fail === 'retryable') throw new RetryableError('echo was asked to fail (retryable)');
    if (input.fail === 'fatal') throw new EchoFatalError('echo was asked to fail (fatal)');
    if (input.audit) {
      context.onCommit(() =>
        this.audit.record({ organizationId: context.organizationId, action: 'diagnostics.echo', targetType: 'agent_run', targetId: context.runId }),
      );
    }
    if (approval && !approval.approved) return { approval };
    const edited = approval?.edits?.message;
    return { message: typeof edited === 'string' ? edited : input.message, ...(approval ? { approval } : {}) };
  }
}
