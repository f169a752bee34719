import { DynamicModule, Module, type Provider } from '@nestjs/common';
import { ConversationQueries } from './conversation-queries';
import { ConversationsController } from './conversations.controller';
import { ConversationsRepository } from './persistence/conversations.repository';
import { ConversationMessagesRepository } from './persistence/messages.repository';
import { SetConversationStatus } from './set-conversation-status';
import { SupportExchangeWriter } from './support-exchange.writer';
import { SupportAgent } from './support.agent';

/** What runs the agent, in whichever process runs it: the agent and the writes its commit makes. */
const AGENT_PROVIDERS: Provider[] = [ConversationsRepository, ConversationMessagesRepository, SupportExchangeWriter, SupportAgent];

/**
 * The support agent (a plug-in: the agent registry finds it by its decorator) and the
 * conversations it keeps, which a person reads, closes and reopens through /v1/conversations.
 */
@Module({})
export class SupportModule {
  /** The API process: /v1/conversations, and the agent for the runs it executes itself. */
  static forRoot(): DynamicModule {
    return { module: SupportModule, controllers: [ConversationsController], providers: [...AGENT_PROVIDERS, ConversationQueries, SetConversationStatus] };
  }

  /** The worker process: the agent only. */
  static forWorker(): DynamicModule {
    return { module: SupportModule, providers: AGENT_PROVIDERS };
  }
}
