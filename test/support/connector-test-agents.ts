import { ArrayMinSize, IsArray, IsEmail, IsNotEmpty, IsString } from 'class-validator';
import { Agent } from '../../src/modules/agents/agent.decorator';
import type { AgentHandler, AgentRunContext } from '../../src/modules/agents/agent.types';

export const LAUNCH_ANNOUNCEMENT_AGENT = 'e2e.launch_announcement';

export class LaunchAnnouncementInput {
  @IsString() @IsNotEmpty() channel!: string;
  @IsString() @IsNotEmpty() headline!: string;
  @IsString() @IsNotEmpty() details!: string;
  @IsArray() @ArrayMinSize(1) @IsEmail({}, { each: true }) recipients!: string[];
}

/**
 * A test-only marketing agent whose one run acts on two channels through its tool proxy: it
 * posts the launch to a Slack channel, then emails it with a link to that post. No built-in
 * agent calls two connectors, and the e2e suite needs one run that reaches both peers.
 */
@Agent({
  name: LAUNCH_ANNOUNCEMENT_AGENT,
  kind: 'CONTENT',
  description: 'Test agent: announces a launch on Slack, then by email',
  input: LaunchAnnouncementInput,
  tools: ['slack.send_message', 'smtp.send_email'],
  policy: { maxAttempts: 1 },
})
export class LaunchAnnouncementAgent implements AgentHandler<LaunchAnnouncementInput> {
  async run(input: LaunchAnnouncementInput, context: AgentRunContext): Promise<unknown> {
    const post = await context.tools.call<{ channel: string; ts: string }>('slack', 'send_message', { channel: input.channel, text: `:rocket: ${input.headline}` });
    const email = await context.tools.call<{ messageId: string; accepted: string[] }>('smtp', 'send_email', {
      to: input.recipients,
      subject: input.headline,
      text: `${input.details}\n\nAlso announced on Slack (${post.channel}, ${post.ts}).`,
    });
    return { slack: post, email: { messageId: email.messageId, accepted: email.accepted } };
  }
}
