import { DynamicModule, Module, type Provider } from '@nestjs/common';
import { AudienceModule } from '../audience/audience.module';
import { SmsMessagesRepository } from './persistence/sms-messages.repository';
import { SmsSendAgent } from './sms-send.agent';
import { SmsAgent } from './sms.agent';
import { SmsController } from './sms.controller';
import { SmsInbound } from './sms-inbound.service';
import { SmsTool } from './sms.tool';

/** Wherever runs execute: the agents and the tool they read their audience through. */
const AGENT_PROVIDERS: Provider[] = [SmsMessagesRepository, SmsTool, SmsAgent, SmsSendAgent];

/**
 * Text messages (SMS and WhatsApp): the `sms` agent and its `sms-send` stage, and the inbound
 * endpoint that turns STOP and START replies into suppressions and consent. A plug-in: the
 * registries find its agents and tool by their decorators.
 */
@Module({})
export class SmsModule {
  /** The API process: the inbound endpoint, and the agents for runs it validates or executes itself. */
  static forRoot(): DynamicModule {
    return { module: SmsModule, imports: [AudienceModule], controllers: [SmsController], providers: [...AGENT_PROVIDERS, SmsInbound] };
  }

  static forWorker(): DynamicModule {
    return { module: SmsModule, imports: [AudienceModule], providers: AGENT_PROVIDERS };
  }
}
