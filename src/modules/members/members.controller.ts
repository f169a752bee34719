import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import type { Principal } from '../api-keys/api-keys.service';
import { Authenticated, CurrentPrincipal } from '../auth/authenticated.decorator';
import { RequirePermission } from '../auth/permissions/require-permission.decorator';
import { InvitationView, InviteMemberDto, ListMembersQuery, MemberPageView, MemberView, toInvitationView, toMemberView, UpdateMemberDto } from './dto/member.dto';
import { InvitationsService } from './invitations.service';
import { MembersService } from './members.service';

@ApiTags('members')
@Authenticated()
@Controller('v1/members')
export class MembersController {
  constructor(private readonly members: MembersService, private readonly invitations: InvitationsService) {}

  @Get()
  @RequirePermission('members:read')
  @ApiOperation({ operationId: 'listMembers', summary: 'List members', description: "The organization's members and their roles, newest first, with cursor pagination" })
  @ApiOkResponse({ type: MemberPageView })
  @ApiErrors(400)
  async list(@CurrentPrincipal() caller: Principal, @Query() query: ListMembersQuery): Promise<MemberPageView> {
    const page = await this.members.list(caller.organizationId, query);
    return { items: page.items.map(toMemberView), nextCursor: page.nextCursor };
  }

  @Post()
  @RequirePermission('workspace:manage')
  @ApiOperation({
    operationId: 'inviteMember',
    summary: 'Invite a member',
    description: "Email an invitation (a one-time code, valid 7 days) through the organization's email connector; the person joins with the role when they accept. A new invitation to the same address retires the earlier one.",
  })
  @ApiCreatedResponse({ type: InvitationView })
  @ApiErrors(400, 409, 424, 429, 503)
  async invite(@CurrentPrincipal() caller: Principal, @Body() dto: InviteMemberDto): Promise<InvitationView> {
    return toInvitationView(await this.invitations.invite(caller, dto));
  }

  @Patch(':id')
  @RequirePermission('workspace:manage')
  @ApiOperation({ operationId: 'updateMember', summary: "Change a member's role", description: 'Takes effect on the member\'s next request. Only an owner may make, change or remove an owner; the last owner stays (409).' })
  @ApiOkResponse({ type: MemberView })
  @ApiErrors(400, 404, 409)
  async update(@CurrentPrincipal() caller: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateMemberDto): Promise<MemberView> {
    return toMemberView(await this.members.changeRole(caller, id, dto.role));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('workspace:manage')
  @ApiOperation({ operationId: 'removeMember', summary: 'Remove a member', description: "Ends the membership and revokes the member's API keys in this organization" })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrors(400, 404, 409)
  remove(@CurrentPrincipal() caller: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.members.remove(caller, id);
  }
}
