import { ArrayMinSize, IsArray, IsEmail, IsInt, IsNotEmpty, IsOptional, IsString, Min } from 'class-validator';
import { Agent } from '../../src/modules/agents/agent.decorator';
import type { AgentHandler, AgentRunContext } from '../../src/modules/agents/agent.types';
import { STAGE_TEST_AGENTS } from './stage-test-agents';

export const DRAFT_APPROVE_SEND_AGENT = 'e2e.draft_approve_send';

export class DraftApproveSendInput {
  @IsString() @IsNotEmpty() brief!: string;
  @IsArray() @ArrayMinSize(1) @IsEmail({}, { each: true }) to!: string[];
  @IsOptional() @IsInt() @Min(1) expiresInMs?: number;
}

/**
 * What an agency's email agent does, reduced to its waits: drafts with the model, asks a person,
 * and only then sends, through the SMTP connector, the draft or the reviewer's edit of it. A
 * resumed run must replay the draft (the model is not asked twice) and send once.
 */
@Agent({
  name: DRAFT_APPROVE_SEND_AGENT,
  kind: 'EMAIL',
  description: 'Test agent: drafts an email with the model, asks for approval, sends it',
  input: DraftApproveSendInput,
  tools: ['llm.generate', 'smtp.send_email'],
})
export class DraftApproveSendAgent implements AgentHandler<DraftApproveSendInput> {
  async run(input: DraftApproveSendInput, context: AgentRunContext) {
    const draft = await context.model.generateText({ prompt: input.brief, maxOutputTokens: 300 });
    const decision = await context.approval.request({
      title: `Send "${input.brief}" to ${input.to.length} recipient(s)`,
      summary: draft.text.slice(0, 200),
      payload: { to: input.to, subject: input.brief, text: draft.text },
      expiresInMs: input.expiresInMs,
    });
    if (!decision.approved) return { sent: false, decision: decision.decision };
    const text = typeof decision.edits?.text === 'string' ? decision.edits.text : draft.text;
    const sent = await context.tools.call<{ messageId: string }>('smtp', 'send_email', { to: input.to, subject: input.brief, text });
    return { sent: true, messageId: sent.messageId, text };
  }
}

/** Agents a test worker process (startTestWorker) registers besides the built-in ones. */
export const TEST_AGENTS_IN_WORKERS = [DraftApproveSendAgent, ...STAGE_TEST_AGENTS];
