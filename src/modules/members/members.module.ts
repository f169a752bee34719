import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ConnectorsModule } from '../connectors/connectors.module';
import { InvitationMailer } from './invitation-mailer';
import { InvitationAcceptController, InvitationsController } from './invitations.controller';
import { InvitationsRepository } from './invitations.repository';
import { InvitationsService } from './invitations.service';
import { MembersController } from './members.controller';
import { MembersRepository } from './members.repository';
import { MembersService } from './members.service';

/** Who belongs to an organization and with which role: members, invitations by email, roles. */
@Module({
  imports: [ConnectorsModule.forRoot(), AuditModule],
  controllers: [MembersController, InvitationsController, InvitationAcceptController],
  providers: [MembersRepository, MembersService, InvitationsRepository, InvitationsService, InvitationMailer],
})
export class MembersModule {}
