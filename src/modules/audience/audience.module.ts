import { Module } from '@nestjs/common';
import { AudienceTool } from './audience.tool';
import { ConsentRepository } from './consent/consent.repository';
import { ConsentService } from './consent/consent.service';
import { LeadsController } from './leads/leads.controller';
import { LeadsRepository } from './leads/leads.repository';
import { LeadsService } from './leads/leads.service';
import { SuppressionsController } from './suppressions/suppressions.controller';
import { SuppressionsRepository } from './suppressions/suppressions.repository';
import { SuppressionsService } from './suppressions/suppressions.service';

/**
 * Leads, suppressions and consent: what every channel agent checks before it sends, and the
 * `audience` tool it checks through. Imported by the worker and by the channel modules (one
 * instance however often imported, so the tool registers once); the API adds its routes with
 * AudienceHttpModule.
 */
@Module({
  providers: [SuppressionsRepository, SuppressionsService, LeadsRepository, LeadsService, ConsentRepository, ConsentService, AudienceTool],
  exports: [SuppressionsService, LeadsService, ConsentService],
})
export class AudienceModule {}

/** The API process: /v1/suppressions and /v1/leads. */
@Module({
  imports: [AudienceModule],
  controllers: [SuppressionsController, LeadsController],
})
export class AudienceHttpModule {}
