import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import type { Principal } from '../api-keys/api-keys.service';
import { Authenticated, CurrentPrincipal } from '../auth/authenticated.decorator';
import { ScheduleView, toScheduleView } from '../schedules/dto/schedule.response';
import { ListSocialPostsQuery, UpdateSocialPostDto } from './dto/social-post-requests.dto';
import { SocialPostPage, SocialPostView, toSocialPostView } from './dto/social-post.response';
import { EditSocialPost } from './edit-social-post';
import { SocialPostQueries } from './social-post-queries';
import { SocialSyncSchedule } from './sync/sync-schedule';
import { RequirePermission } from '../auth/permissions/require-permission.decorator';

@ApiTags('social posts')
@Authenticated()
@Controller('v1/social-posts')
export class SocialPostsController {
  constructor(private readonly queries: SocialPostQueries, private readonly editing: EditSocialPost, private readonly syncSchedule: SocialSyncSchedule) {}

  @Get()
  @RequirePermission('content:read')
  @ApiOperation({ operationId: 'listSocialPosts', summary: 'List social posts', description: "The organization's social posts, newest first, by status, network or campaign, with cursor pagination" })
  @ApiOkResponse({ type: SocialPostPage })
  @ApiErrors(400)
  async list(@CurrentPrincipal() caller: Principal, @Query() query: ListSocialPostsQuery): Promise<SocialPostPage> {
    const page = await this.queries.list(caller.organizationId, query);
    return { items: page.items.map(toSocialPostView), nextCursor: page.nextCursor };
  }

  @Post('sync-schedule')
  @RequirePermission('schedules:write')
  @ApiOperation({
    operationId: 'ensureSocialSyncSchedule',
    summary: 'Schedule the hourly metrics sync',
    description: "Creates the organization's hourly schedule of the social-sync agent (201), or answers the one it has (200); it is an ordinary schedule under /v1/schedules",
  })
  @ApiCreatedResponse({ type: ScheduleView, description: 'Created' })
  @ApiOkResponse({ type: ScheduleView, description: 'The schedule the organization already has' })
  @ApiErrors(400, 503)
  async ensureSyncSchedule(@CurrentPrincipal() caller: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<ScheduleView> {
    const { state, created } = await this.syncSchedule.ensure(caller);
    void reply.status(created ? 201 : 200);
    return toScheduleView(state);
  }

  @Get(':id')
  @RequirePermission('content:read')
  @ApiOperation({ operationId: 'getSocialPost', summary: 'Get a social post', description: "One post: once published, the network's id and URL; once synced, its metrics" })
  @ApiOkResponse({ type: SocialPostView })
  @ApiErrors(400, 404)
  async get(@CurrentPrincipal() caller: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<SocialPostView> {
    return toSocialPostView(await this.queries.get(caller.organizationId, id));
  }

  @Patch(':id')
  @RequirePermission('content:write')
  @ApiOperation({
    operationId: 'updateSocialPost',
    summary: 'Change a social post before it goes out',
    description: "Body, title, mediaUrl or publishAt of a DRAFT or SCHEDULED post, checked against its network's rules (400 naming the violation); 409 once published",
  })
  @ApiOkResponse({ type: SocialPostView })
  @ApiErrors(400, 404, 409)
  async update(@CurrentPrincipal() caller: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateSocialPostDto): Promise<SocialPostView> {
    return toSocialPostView(await this.editing.edit(caller.organizationId, id, dto));
  }
}
