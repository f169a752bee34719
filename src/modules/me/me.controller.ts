import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../api-keys/api-keys.service';
import { Authenticated, CurrentPermissions, CurrentPrincipal } from '../auth/authenticated.decorator';
import { MeResponse } from './dto/me.response';
import { MeService } from './me.service';
import { AnyMember } from '../auth/permissions/require-permission.decorator';

@ApiTags('me')
@Authenticated()
@Controller('v1/me')
export class MeController {
  constructor(private readonly me: MeService) {}

  @Get()
  @AnyMember()
  @ApiOperation({ operationId: 'getMe', summary: 'Who am I', description: 'The calling user, their organization and role' })
  @ApiOkResponse({ type: MeResponse })
  get(@CurrentPrincipal() caller: Principal, @CurrentPermissions() permissions: readonly string[]): Promise<MeResponse> {
    return this.me.describe(caller, permissions);
  }
}
