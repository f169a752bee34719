import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import type { Principal } from '../api-keys/api-keys.service';
import { Authenticated, CurrentPrincipal } from '../auth/authenticated.decorator';
import { InboundSmsDto, InboundSmsView } from './dto/inbound.dto';
import { SmsInbound } from './sms-inbound.service';
import { RequirePermission } from '../auth/permissions/require-permission.decorator';

@ApiTags('sms')
@Authenticated()
@Controller('v1/sms')
export class SmsController {
  constructor(private readonly inbound: SmsInbound) {}

  @Post('inbound')
  @HttpCode(202)
  @RequirePermission('audience:write')
  @ApiOperation({
    operationId: 'receiveInboundSms',
    summary: 'Take in a reply',
    description:
      'A text or WhatsApp message a recipient sent the organization, as the gateway relays it. STOP (and its synonyms) suppresses the sender on the channel and revokes their consent, ' +
      'so no further message goes to them, sends already approved included; START (UNSTOP, YES) lifts that opt-out; anything else is kept as an inbound message. Idempotent.',
  })
  @ApiAcceptedResponse({ type: InboundSmsView })
  @ApiErrors(400)
  receive(@CurrentPrincipal() caller: Principal, @Body() dto: InboundSmsDto): Promise<InboundSmsView> {
    return this.inbound.receive(caller.organizationId, dto);
  }
}
