import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../../common/openapi/api-errors.decorator';
import type { Principal } from '../../api-keys/api-keys.service';
import { Authenticated, CurrentPrincipal } from '../../auth/authenticated.decorator';
import { ConnectionQueryDto } from '../dto/credentials.dto';
import { ConnectionView, OAuthStartView, toConnectionView } from '../dto/credentials.response';
import { OAuthService } from './oauth.service';
import { PublicRoute } from '../../../common/openapi/public-route.decorator';
import { RequirePermission } from '../../auth/permissions/require-permission.decorator';

/**
 * The OAuth2 flow. No class-level guard: `start` is authenticated by API key like every /v1
 * route; `callback` is opened by the user's browser, redirected by the provider, and carries no
 * API key. Its credential is the encrypted state `start` minted: unforgeable, bound to one
 * organization, user, connector and connection, valid 10 minutes and only once. With it a
 * caller can do exactly one thing: finish that connection with a code the provider issued to our
 * client for our redirect URI, which only our client secret and the PKCE verifier inside the
 * state can redeem.
 */
@ApiTags('connectors')
@Controller('v1/connectors')
export class OAuthController {
  constructor(private readonly oauth: OAuthService) {}

  @Get(':key/oauth/start')
  @Authenticated()
  @RequirePermission('credentials:manage')
  @ApiOperation({ operationId: 'startOAuth', summary: 'Start an OAuth2 connection', description: "Begin connecting an OAuth2 connector: the URL to send the user's browser to" })
  @ApiOkResponse({ type: OAuthStartView })
  @ApiErrors(400, 404, 503)
  start(@CurrentPrincipal() caller: Principal, @Param('key') key: string, @Query() query: ConnectionQueryDto): OAuthStartView {
    const { authorizeUrl, expiresAt } = this.oauth.start(caller, key, query.connectionName);
    return { authorizeUrl, expiresAt: expiresAt.toISOString() };
  }

  @Get(':key/oauth/callback')
  @PublicRoute('Opened by the provider redirecting the user\'s browser: the encrypted, single-use `state` from /oauth/start is the credential')
  @ApiOperation({ operationId: 'completeOAuth', summary: 'OAuth2 callback', description: 'Where the provider sends the browser back: exchanges the code and stores the tokens encrypted' })
  @ApiQuery({ name: 'code', required: false })
  @ApiQuery({ name: 'state', required: true })
  @ApiQuery({ name: 'error', required: false })
  @ApiOkResponse({ type: ConnectionView })
  @ApiErrors(400, 404, 424, 503)
  async callback(@Param('key') key: string, @Query('code') code?: string, @Query('state') state?: string, @Query('error') error?: string): Promise<ConnectionView> {
    return toConnectionView(await this.oauth.complete(key, { code, state, error }));
  }
}
