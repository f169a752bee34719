import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import type { Principal } from '../api-keys/api-keys.service';
import { Authenticated, CurrentPrincipal } from '../auth/authenticated.decorator';
import { ConversationQueries } from './conversation-queries';
import { SetConversationStatus } from './set-conversation-status';
import { ListConversationsQuery, UpdateConversationDto } from './dto/conversation-request.dto';
import { ConversationDetailView, ConversationPage, ConversationView, toConversationDetailView, toConversationView } from './dto/conversation.response';
import { RequirePermission } from '../auth/permissions/require-permission.decorator';

@ApiTags('conversations')
@Authenticated()
@Controller('v1/conversations')
export class ConversationsController {
  constructor(private readonly queries: ConversationQueries, private readonly status: SetConversationStatus) {}

  @Get()
  @RequirePermission('support:read')
  @ApiOperation({ operationId: 'listConversations', summary: 'List conversations', description: "The organization's support threads, most recently active first; filter by status (ESCALATED: waiting for a person) and channel" })
  @ApiOkResponse({ type: ConversationPage })
  @ApiErrors(400)
  async list(@CurrentPrincipal() caller: Principal, @Query() query: ListConversationsQuery): Promise<ConversationPage> {
    const page = await this.queries.list(caller.organizationId, query);
    return { items: page.items.map(toConversationView), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @RequirePermission('support:read')
  @ApiOperation({ operationId: 'getConversation', summary: 'Get a conversation', description: 'One thread with its messages: the questions received and the answers sent or escalated, with the confidence of each answer' })
  @ApiOkResponse({ type: ConversationDetailView })
  @ApiErrors(400, 404)
  async get(@CurrentPrincipal() caller: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<ConversationDetailView> {
    const { conversation, messages } = await this.queries.get(caller.organizationId, id);
    return toConversationDetailView(conversation, messages);
  }

  @Patch(':id')
  @RequirePermission('support:write')
  @ApiOperation({ operationId: 'updateConversation', summary: 'Close or reopen a conversation', description: 'status CLOSED closes it, OPEN reopens it' })
  @ApiOkResponse({ type: ConversationView })
  @ApiErrors(400, 404)
  async update(@CurrentPrincipal() caller: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateConversationDto): Promise<ConversationView> {
    return toConversationView(await this.status.set(caller.organizationId, id, dto));
  }
}
