import { Inject } from '@nestjs/common';
import { NotFoundError } from '../../common/errors/domain-errors';
import { validatePlain } from '../../common/validation/validate-plain';
import { ConnectorError } from '../connectors/connector-error';
import { CREDENTIALS_PROVIDER, type CredentialsProvider } from '../connectors/vault/credentials-provider';
import { ToolProvider } from '../tools/tool.decorator';
import type { ToolAction, ToolCallContext, ToolDefinition } from '../tools/tool.types';
import { EMAIL_CONNECTORS, type EmailConnector } from './email-connectors';
import { EmailSourceInput } from './email-tool.dto';
import { type CampaignSource, type ContentSource, EmailSourcesRepository } from './persistence/email-sources.repository';

export const EMAIL_TOOL = 'email';

export interface EmailSourceOutput {
  campaign: CampaignSource | null;
  content: ContentSource | null;
}

export interface EmailSenderOutput {
  connector: EmailConnector;
  /** The email connectors the organization has connected, in the order one is chosen. */
  connected: EmailConnector[];
}

/**
 * What the email agent reads before it writes, each a recorded step (a resumed run writes from the
 * same material and sends through the same connector): the campaign and content it writes from,
 * and which connected connector sends when its configuration names none.
 */
@ToolProvider()
export class EmailTool implements ToolDefinition {
  readonly name = EMAIL_TOOL;
  readonly description = 'Email campaigns: what an email is written from, and which connector sends it';
  readonly actions: Record<string, ToolAction>;

  constructor(private readonly sources: EmailSourcesRepository, @Inject(CREDENTIALS_PROVIDER) private readonly credentials: CredentialsProvider) {
    this.actions = {
      source: {
        description: "Input {campaignId?, contentId?}; returns {campaign: {id, name, goal, brandId}, content: {id, title, brief, body, ...}} (null when not asked); not found when either is not the organization's",
        input: EmailSourceInput,
        execute: (input, context) => this.source(input, context),
      },
      sender: {
        // No input: it reads the organization's connections.
        description: `Input {}; returns {connector, connected}: the first of ${EMAIL_CONNECTORS.join(', ')} the organization has connected`,
        execute: (_input, context) => this.sender(context),
      },
    };
  }

  private async source(raw: Record<string, unknown>, context: ToolCallContext): Promise<EmailSourceOutput> {
    const input = await validatePlain(EmailSourceInput, raw, 'input', `${EMAIL_TOOL}.source input`);
    const campaign = input.campaignId ? await this.sources.campaign(context.organizationId, input.campaignId) : null;
    if (input.campaignId && !campaign) throw new NotFoundError('campaign', input.campaignId);
    const content = input.contentId ? await this.sources.content(context.organizationId, input.contentId) : null;
    if (input.contentId && !content) throw new NotFoundError('content', input.contentId);
    return { campaign, content };
  }

  private async sender(context: ToolCallContext): Promise<EmailSenderOutput> {
    const keys = await this.credentials.connectedKeys(context.organizationId);
    const connected = EMAIL_CONNECTORS.filter((key) => keys.has(key));
    if (connected.length === 0) {
      throw new ConnectorError('NOT_CONNECTED', `no email connector is connected for this organization; connect one of ${EMAIL_CONNECTORS.join(', ')}, or name one in the email agent's configuration (connections.email)`);
    }
    return { connector: connected[0], connected };
  }
}
