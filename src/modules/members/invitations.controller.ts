import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import { PageQuery } from '../../common/validation/page.query';
import type { Principal } from '../api-keys/api-keys.service';
import { AuthFailureLimiter } from '../auth/auth-failure-limiter';
import { Authenticated, CurrentPrincipal } from '../auth/authenticated.decorator';
import { RequirePermission } from '../auth/permissions/require-permission.decorator';
import { PublicRoute } from '../../common/openapi/public-route.decorator';
import { AcceptedInvitationView, AcceptInvitationDto, InvitationPageView, toInvitationView, toMemberView } from './dto/member.dto';
import { InvitationNotFoundError, InvitationsService } from './invitations.service';

@ApiTags('members')
@Authenticated()
@Controller('v1/invitations')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Get()
  @RequirePermission('members:read')
  @ApiOperation({ operationId: 'listInvitations', summary: 'List invitations', description: "The organization's invitations (pending, accepted, revoked, expired), newest first; never their codes" })
  @ApiOkResponse({ type: InvitationPageView })
  @ApiErrors(400)
  async list(@CurrentPrincipal() caller: Principal, @Query() query: PageQuery): Promise<InvitationPageView> {
    const page = await this.invitations.list(caller.organizationId, query);
    return { items: page.items.map((i) => toInvitationView(i)), nextCursor: page.nextCursor };
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('workspace:manage')
  @ApiOperation({ operationId: 'revokeInvitation', summary: 'Revoke an invitation', description: 'Its code stops working at once (revoking twice succeeds; an accepted invitation is 409)' })
  @ApiNoContentResponse({ description: 'Revoked (or already revoked)' })
  @ApiErrors(400, 404, 409)
  revoke(@CurrentPrincipal() caller: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.invitations.revoke(caller, id);
  }
}

/**
 * The one unauthenticated route that writes: the invitee has no key yet, the code is the
 * credential. A wrong code counts against the client's address like a wrong API key.
 */
@ApiTags('members')
@Controller('v1/invitations/accept')
export class InvitationAcceptController {
  constructor(private readonly invitations: InvitationsService, private readonly failures: AuthFailureLimiter) {}

  @Post()
  @PublicRoute('The invitee has no API key yet: the one-time code from the invitation email is the credential')
  @ApiOperation({ operationId: 'acceptInvitation', summary: 'Accept an invitation', description: 'Join the organization with the invited role; your first API key comes back once, in this answer' })
  @ApiCreatedResponse({ type: AcceptedInvitationView })
  @ApiErrors(400, 404, 409, 429)
  async accept(@Req() request: FastifyRequest, @Body() dto: AcceptInvitationDto): Promise<AcceptedInvitationView> {
    await this.failures.assertNotBlocked(request.ip);
    try {
      const accepted = await this.invitations.accept(dto.token, dto.name);
      return { member: toMemberView(accepted.member), apiKeyId: accepted.keyId, apiKey: accepted.apiKey };
    } catch (error) {
      if (error instanceof InvitationNotFoundError) await this.failures.recordFailure(request.ip);
      throw error;
    }
  }
}
