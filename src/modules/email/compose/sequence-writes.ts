import { Injectable } from '@nestjs/common';
import type { Prisma } from '../../../generated/prisma/client';
import { CampaignMetricsRepository, type EmailMetric } from '../persistence/campaign-metrics.repository';
import { EmailSequencesRepository, type SequenceStatus } from '../persistence/email-sequences.repository';
import { OutboundMessagesRepository } from '../persistence/outbound-messages.repository';
import { emailDedupeKey } from '../send/email-send.input';
import type { EmailConnector } from '../email-connectors';
import type { ComposedStep } from './email-plan';

export interface SequenceOutcome {
  organizationId: string;
  runId: string;
  sequenceId: string;
  campaignId: string | null;
  name: string;
  status: SequenceStatus;
  /** The steps as sent (or as drafted, when declined), each with when it goes out. */
  steps: Array<ComposedStep & { sendAt: string | null }>;
  abTest: { id: string; variants: Array<{ key: 'A' | 'B'; subject: string; recipients: number }> } | null;
  sendRunIds: string[];
  connector: EmailConnector;
  /** Recipients left out as suppressed: each gets a SUPPRESSED message per step of an ACTIVE sequence. */
  suppressed: string[];
}

/**
 * The composing run's rows, written in its commit (a failed run writes none): the sequence,
 * declined ones included (CANCELLED: what was drafted and not sent is part of the record), its
 * subject test, a SUPPRESSED message for each send left out (the same row, under the same key, a
 * send finding its recipient suppressed writes), and the campaign's `suppressed` and `queued` counts.
 */
@Injectable()
export class SequenceWrites {
  constructor(private readonly sequences: EmailSequencesRepository, private readonly messages: OutboundMessagesRepository, private readonly metrics: CampaignMetricsRepository) {}

  async write(outcome: SequenceOutcome): Promise<void> {
    const { organizationId, campaignId, sequenceId } = outcome;
    await this.sequences.lock(sequenceId);
    await this.sequences.create({ id: sequenceId, organizationId, campaignId, runId: outcome.runId, name: outcome.name, status: outcome.status, steps: outcome.steps as unknown as Prisma.InputJsonValue });
    if (outcome.abTest) {
      await this.sequences.createAbTest({ id: outcome.abTest.id, organizationId, campaignId, emailSequenceId: sequenceId, name: `Subject test: ${outcome.name}`.slice(0, 200), variants: outcome.abTest.variants });
    }
    await this.sequences.linkMessages(organizationId, sequenceId, outcome.sendRunIds);
    if (outcome.status === 'ACTIVE') await this.writeSuppressed(outcome);
    await this.metrics.record(countsOf(outcome));
  }

  private async writeSuppressed(outcome: SequenceOutcome): Promise<void> {
    for (const step of outcome.steps) {
      for (const to of outcome.suppressed) {
        await this.messages.insert({
          organizationId: outcome.organizationId,
          runId: outcome.runId,
          dedupeKey: emailDedupeKey(outcome.sequenceId, step.step, to),
          status: 'SUPPRESSED',
          campaignId: outcome.campaignId,
          sequenceId: outcome.sequenceId,
          step: step.step,
          connectorKey: outcome.connector,
          to,
          subject: step.subject,
          body: step.body,
          providerMessageId: null,
          error: null,
        });
      }
    }
  }

  /** Nobody left to send to (every recipient suppressed): only the count is recorded, no sequence. */
  async nothingToSend(organizationId: string, campaignId: string | null, runId: string, suppressed: number): Promise<void> {
    if (suppressed === 0) return;
    await this.metrics.record([{ organizationId, campaignId, kind: 'suppressed', value: suppressed, subjectType: 'agent_run', subjectId: runId }]);
  }
}

/** A declined sequence measured nothing: nobody was sent to, nor left out. */
function countsOf(outcome: SequenceOutcome): EmailMetric[] {
  if (outcome.status !== 'ACTIVE') return [];
  const metric = (kind: string, value: number): EmailMetric => ({ organizationId: outcome.organizationId, campaignId: outcome.campaignId, kind, value, subjectType: 'email_sequence', subjectId: outcome.sequenceId });
  return [...(outcome.suppressed.length > 0 ? [metric('suppressed', outcome.suppressed.length)] : []), ...(outcome.sendRunIds.length > 0 ? [metric('queued', outcome.sendRunIds.length)] : [])];
}
