import { isEmail } from 'class-validator';
import { derivedUuid } from '../../common/ids/derived-uuid';
import { ValidationFailedError } from '../../common/errors/domain-errors';
import { numberSetting } from '../../common/validation/number-setting';
import { AGENT_CONFIG_TOOL, type EffectiveAgentConfig, needsApproval, READ_CONFIG_ACTION } from '../agent-config/agent-config.types';
import { Agent } from '../agents/agent.decorator';
import type { AgentHandler, AgentRunContext, RunUsageSoFar } from '../agents/agent.types';
import { type Citation, citationsIn, type Passage, promptOf, type VoiceGuide } from '../agents/builtin/ask.agent';
import type { ApprovalDecision } from '../agents/run-waits';
import { answerConfidence, type AnswerConfidence } from './answer-confidence';
import { DEFAULT_EMAIL_CONNECTOR, DISCORD_THREAD, EMAIL_CONNECTORS, type EmailConnector, providerMessageId, replyCall, SLACK_THREAD, WHATSAPP_THREAD } from './support-channels';
import { SupportExchangeWriter } from './support-exchange.writer';
import { reviewedAnswer, type ReviewReason, reviewRequest, supportInstructions } from './support-review';
import { SupportInput } from './support.input';
import { supportAvailable } from './support-availability';

export const SUPPORT_AGENT = 'support';
export const SUPPORT_REPLY = 'support.reply';
export const DEFAULT_CONFIDENCE_THRESHOLD = 0.5;
const PASSAGES = 5;

export interface SupportOutput {
  conversationId: string;
  inboundMessageId: string;
  replyMessageId: string;
  /** SENT: answered in the thread; ESCALATED: a person declined the answer (or none came in time), nothing was sent. */
  status: 'SENT' | 'ESCALATED';
  answer: string | null;
  confidence: AnswerConfidence;
  threshold: number;
  citations: Citation[];
  connector: string;
  providerMessageId: string | null;
  /** Present when a person was asked, with why. */
  review?: { reason: ReviewReason; decision: ApprovalDecision['decision']; reviewer: string | null; comment?: string; edited: boolean };
  usage: RunUsageSoFar;
}

/**
 * Answers a customer's message in its thread from the organization's knowledge, in the brand's
 * voice, and asks a person first when it is unsure (confidence under the threshold), when the
 * organization's policy for support.reply says so, or when it has nothing to draft from. Steps:
 * agent_config.read, knowledge.search, brand.voice (with a brand), llm.generate (with passages),
 * approval.request (when asked), the channel's send; rows written at commit.
 */
@Agent({
  name: SUPPORT_AGENT,
  kind: 'SUPPORT',
  description: "Answers a customer's message on Slack, Discord, WhatsApp or email from the knowledge base, in the brand voice, asking a person when unsure",
  input: SupportInput,
  tools: [
    `${AGENT_CONFIG_TOOL}.${READ_CONFIG_ACTION}`,
    'knowledge.search',
    'brand.voice',
    'llm.generate',
    'slack.send_message',
    'discord.send_message',
    'whatsapp.send_message',
    ...EMAIL_CONNECTORS.map((key) => `${key}.send_email`),
  ],
  writes: [SUPPORT_REPLY],
  // Its tools must exist at boot: a deployment without one of its channels' connectors does not offer it.
  enabled: supportAvailable,
})
export class SupportAgent implements AgentHandler<SupportInput, SupportOutput> {
  constructor(private readonly exchanges: SupportExchangeWriter) {}

  async check(input: SupportInput): Promise<void> {
    const problem = threadProblem(input);
    if (problem) throw new ValidationFailedError([`input.${problem.field}`], `invalid input for agent ${SUPPORT_AGENT}: input.${problem.field}: ${problem.message}`);
  }

  async run(input: SupportInput, context: AgentRunContext): Promise<SupportOutput> {
    const config = await context.tools.call<EffectiveAgentConfig>(AGENT_CONFIG_TOOL, READ_CONFIG_ACTION, { agent: SUPPORT_AGENT });
    const threshold = numberSetting(config.settings, 'confidenceThreshold', { min: 0, max: 1 }) ?? DEFAULT_CONFIDENCE_THRESHOLD;
    const expiresInMs = numberSetting(config.settings, 'approvalExpiresInMs', { min: 1_000 }) ?? undefined;
    const emailConnector = emailConnectorOf(config);

    const { passages } = await context.tools.call<{ passages: Passage[] }>('knowledge', 'search', { query: input.text, k: PASSAGES });
    const confidence = answerConfidence(input.text, passages);
    const draft = passages.length ? await this.draft(input, passages, config, context) : null;

    const reason: ReviewReason | null = !draft ? 'no-draft' : confidence.confidence < threshold ? 'low-confidence' : needsApproval(config, SUPPORT_REPLY) ? 'policy' : null;
    let answer = draft;
    let review: SupportOutput['review'];
    if (reason) {
      const decision = await context.approval.request(reviewRequest(input, draft, confidence, threshold, reason, passages, expiresInMs));
      const reviewed = reviewedAnswer(decision, draft);
      answer = reviewed.answer;
      review = { reason, decision: decision.decision, reviewer: decision.reviewer, ...(decision.comment ? { comment: decision.comment } : {}), edited: reviewed.edited };
    }

    const call = replyCall(input, answer ?? '', emailConnector);
    const sent = answer ? await context.tools.call(call.connector, call.action, call.input) : undefined;
    const ids = { conversationId: derivedUuid(`${context.organizationId}:conversation:${input.channel}:${input.threadId}`), inbound: derivedUuid(`${context.runId}:inbound`), reply: derivedUuid(`${context.runId}:reply`) };
    const status = sent === undefined ? 'ESCALATED' : 'SENT';
    const providerId = sent === undefined ? null : providerMessageId(call.connector, sent);
    const sentText = sent === undefined ? null : call.body;

    context.onCommit(() =>
      this.exchanges.write({
        organizationId: context.organizationId,
        runId: context.runId,
        conversationId: ids.conversationId,
        inbound: { ...input, messageId: ids.inbound },
        reply: {
          messageId: ids.reply,
          status,
          body: sentText ?? draft ?? '',
          connectorKey: call.connector,
          to: call.to,
          subject: call.subject,
          providerMessageId: providerId,
          confidence: confidence.confidence,
          error: status === 'ESCALATED' ? escalation(review) : null,
        },
      }),
    );
    return {
      conversationId: ids.conversationId,
      inboundMessageId: ids.inbound,
      replyMessageId: ids.reply,
      status,
      answer: sentText,
      confidence,
      threshold,
      citations: sentText ? citationsIn(sentText, passages) : [],
      connector: call.connector,
      providerMessageId: providerId,
      ...(review ? { review } : {}),
      usage: context.usage(),
    };
  }

  private async draft(input: SupportInput, passages: Passage[], config: EffectiveAgentConfig, context: AgentRunContext): Promise<string> {
    const brandId = input.brandId ?? config.brandId;
    const voice = brandId ? await context.tools.call<VoiceGuide>('brand', 'voice', { brandId }) : null;
    const answer = await context.model.generateText({
      system: supportInstructions(voice, input.channel, config.promptHints),
      prompt: promptOf(input.text, passages),
      maxOutputTokens: 800,
      ...(config.temperature !== null ? { temperature: config.temperature } : {}),
    });
    return answer.text;
  }
}

function emailConnectorOf(config: EffectiveAgentConfig): EmailConnector {
  const key = config.connections.email ?? DEFAULT_EMAIL_CONNECTOR;
  if (!(EMAIL_CONNECTORS as readonly string[]).includes(key)) {
    throw new ValidationFailedError(['connections.email'], `invalid agent configuration: connections.email must be one of ${EMAIL_CONNECTORS.join(', ')}`);
  }
  return key as EmailConnector;
}

/** What the DTO cannot say: each channel's own form of a thread id and sender. */
function threadProblem(input: SupportInput): { field: string; message: string } | undefined {
  switch (input.channel) {
    case 'slack':
      return SLACK_THREAD.test(input.threadId) ? undefined : { field: 'threadId', message: 'a Slack thread is <channel id>:<thread ts>, such as C024BE91L:1712345678.000100' };
    case 'discord':
      return DISCORD_THREAD.test(input.threadId) ? undefined : { field: 'threadId', message: "a Discord thread is its channel's id (a snowflake of 17 to 20 digits)" };
    case 'whatsapp':
      return WHATSAPP_THREAD.test(input.threadId) ? undefined : { field: 'threadId', message: "a WhatsApp thread is the customer's number in E.164, such as +14155550123" };
    case 'email':
      return isEmail(input.from) ? undefined : { field: 'from', message: 'an email is answered to its sender: from must be an email address' };
  }
}

function escalation(review: SupportOutput['review']): string {
  if (!review) return 'escalated';
  if (review.decision === 'approved') return 'approved without an answer to send';
  return review.decision === 'expired' ? 'escalated: no decision before the approval expired' : `escalated: the reviewer rejected the answer${review.comment ? ` (${review.comment})` : ''}`;
}
