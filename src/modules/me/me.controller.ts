import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../api-keys/api-keys.service';
import { Authenticated, CurrentPrincipal } from '../auth/authenticated.decorator';
import { MeResponse } from './dto/me.response';
import { MeService } from './me.service';

@ApiTags('me')
@Authenticated()
@Controller('v1/me')
export class MeController {
  constructor(private readonly me: MeService) {}

  @Get()
  @ApiOperation({ operationId: 'getMe', summary: 'Who am I', description: 'The calling user, their organization and role' })
  @ApiOkResponse({ type: MeResponse })
  get(@CurrentPrincipal() caller: Principal): Promise<MeResponse> {
    return this.me.describe(caller);
  }
}
