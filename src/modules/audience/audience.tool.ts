import { validatePlain } from '../../common/validation/validate-plain';
import { ToolProvider } from '../tools/tool.decorator';
import type { ToolAction, ToolCallContext, ToolDefinition } from '../tools/tool.types';
import { RecipientsToolInput, SuppressedToolInput } from './dto/audience-tool.dto';
import { LeadsService } from './leads/leads.service';
import { SuppressionsService } from './suppressions/suppressions.service';

export const AUDIENCE_TOOL = 'audience';

export interface SuppressedOutput {
  /** The addresses of the input that must not be sent to, spelled as given. */
  suppressed: string[];
  /** When the list was read: a recorded time the caller may compute from (a resumed run reads the same). */
  checkedAt: string;
}

export interface RecipientsOutput {
  addresses: string[];
}

const DEFAULT_RECIPIENTS = 100;

/**
 * What a sending agent reads about its audience, each call a recorded step: the step log then
 * shows which addresses were skipped and why, and a resumed run decides on what it read before.
 */
@ToolProvider()
export class AudienceTool implements ToolDefinition {
  readonly name = AUDIENCE_TOOL;
  readonly description = "The organization's audience: leads and the addresses no message may go to";
  readonly actions: Record<string, ToolAction>;

  constructor(private readonly suppressions: SuppressionsService, private readonly leads: LeadsService) {
    this.actions = {
      suppressed: {
        description: 'Input {channel: EMAIL|SMS|WHATSAPP, addresses (1-1000)}; returns {suppressed: the addresses that must not be sent to, checkedAt}',
        input: SuppressedToolInput,
        execute: (input, context) => this.suppressed(input, context),
      },
      recipients: {
        description: 'Input {channel, status (a lead status other than UNSUBSCRIBED), limit? (1-1000, default 100)}; returns {addresses} of the leads in that status, oldest first',
        input: RecipientsToolInput,
        execute: (input, context) => this.recipients(input, context),
      },
    };
  }

  private async suppressed(raw: Record<string, unknown>, context: ToolCallContext): Promise<SuppressedOutput> {
    const input = await validatePlain(SuppressedToolInput, raw, 'input', `${AUDIENCE_TOOL}.suppressed input`);
    const suppressed = await this.suppressions.suppressedAmong(context.organizationId, input.channel, input.addresses);
    return { suppressed, checkedAt: new Date().toISOString() };
  }

  private async recipients(raw: Record<string, unknown>, context: ToolCallContext): Promise<RecipientsOutput> {
    const input = await validatePlain(RecipientsToolInput, raw, 'input', `${AUDIENCE_TOOL}.recipients input`);
    return { addresses: await this.leads.addressesByStatus(context.organizationId, input.channel, input.status, input.limit ?? DEFAULT_RECIPIENTS) };
  }
}
