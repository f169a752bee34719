import { Controller, Delete, HttpCode, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../../common/openapi/api-errors.decorator';
import type { Principal } from '../../api-keys/api-keys.service';
import { Authenticated, CurrentPrincipal } from '../../auth/authenticated.decorator';
import { RequirePermission } from '../../auth/permissions/require-permission.decorator';
import { ErasureResponse, toErasureResponse } from '../dto/erasure.dto';
import { EraseUserData } from './erase-user-data';

@ApiTags('data erasure')
@Authenticated()
@Controller('v1/users')
export class ErasureController {
  constructor(private readonly erasure: EraseUserData) {}

  @Delete(':userId/data')
  @HttpCode(200)
  @RequirePermission('data:erase')
  @ApiOperation({
    operationId: 'eraseUserData',
    summary: "Erase a member's personal data in this organization",
    description:
      "Removes the member's membership and API keys here; the organization's runs, decisions and versions keep their content with no actor; schedules pass to the caller. " +
      'When the person belongs to no other organization their name and email are replaced by placeholders. Audited without the erased data. ' +
      "404 when the user is not a member; 409 for the organization's last owner, or for the caller's own data",
  })
  @ApiOkResponse({ type: ErasureResponse })
  @ApiErrors(400, 404, 409)
  async erase(@CurrentPrincipal() caller: Principal, @Param('userId', new ParseUUIDPipe()) userId: string): Promise<ErasureResponse> {
    return toErasureResponse(await this.erasure.erase(caller, userId));
  }
}
