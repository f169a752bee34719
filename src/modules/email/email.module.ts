import { DynamicModule, Module } from '@nestjs/common';
import { AudienceModule } from '../audience/audience.module';
import { ConnectorsModule } from '../connectors/connectors.module';
import { EmailComposeAgent } from './compose/email-compose.agent';
import { SequenceWrites } from './compose/sequence-writes';
import { EmailTool } from './email.tool';
import { CampaignMetricsRepository } from './persistence/campaign-metrics.repository';
import { EmailSequencesRepository } from './persistence/email-sequences.repository';
import { EmailSourcesRepository } from './persistence/email-sources.repository';
import { OutboundMessagesRepository } from './persistence/outbound-messages.repository';
import { EmailSendAgent } from './send/email-send.agent';
import { SendWrites } from './send/send-writes';

const PROVIDERS = [
  EmailSourcesRepository,
  EmailSequencesRepository,
  OutboundMessagesRepository,
  CampaignMetricsRepository,
  SequenceWrites,
  SendWrites,
  EmailTool,
  EmailComposeAgent,
  EmailSendAgent,
];

/**
 * The email channel: the `email` agent (compose, approve, queue the sends), its `email-send`
 * stage, and the `email` tool. A plug-in: the agent and tool registries find them by their
 * decorators; it needs the connectors' credentials (which email connector is connected) and the
 * audience (suppressions), in whichever process runs the agents.
 */
@Module({})
export class EmailModule {
  static forRoot(): DynamicModule {
    return { module: EmailModule, imports: [AudienceModule, ConnectorsModule.forRoot()], providers: PROVIDERS };
  }

  static forWorker(): DynamicModule {
    return { module: EmailModule, imports: [AudienceModule, ConnectorsModule.forWorker()], providers: PROVIDERS };
  }
}
