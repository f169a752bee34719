import { Injectable } from '@nestjs/common';
import type { Prisma } from '../../../generated/prisma/client';
import { CampaignMetricsRepository, type EmailMetric } from '../persistence/campaign-metrics.repository';
import { EmailSequencesRepository, type SequenceStatus } from '../persistence/email-sequences.repository';
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
  suppressed: number;
}

/**
 * The composing run's rows, written in its commit (a failed run writes none): the sequence,
 * declined ones included (CANCELLED: what was drafted and not sent is part of the record), its
 * subject test, and the campaign's `suppressed` and `queued` counts.
 */
@Injectable()
export class SequenceWrites {
  constructor(private readonly sequences: EmailSequencesRepository, private readonly metrics: CampaignMetricsRepository) {}

  async write(outcome: SequenceOutcome): Promise<void> {
    const { organizationId, campaignId, sequenceId } = outcome;
    await this.sequences.create({ id: sequenceId, organizationId, campaignId, runId: outcome.runId, name: outcome.name, status: outcome.status, steps: outcome.steps as unknown as Prisma.InputJsonValue });
    if (outcome.abTest) {
      await this.sequences.createAbTest({ id: outcome.abTest.id, organizationId, campaignId, emailSequenceId: sequenceId, name: `Subject test: ${outcome.name}`.slice(0, 200), variants: outcome.abTest.variants });
    }
    await this.sequences.linkMessages(organizationId, sequenceId, outcome.sendRunIds);
    await this.metrics.record(countsOf(outcome));
  }

  /** Nobody left to send to (every recipient suppressed): only the count is recorded, no sequence. */
  async nothingToSend(organizationId: string, campaignId: string | null, runId: string, suppressed: number): Promise<void> {
    if (suppressed === 0) return;
    await this.metrics.record([{ organizationId, campaignId, kind: 'suppressed', value: suppressed, subjectType: 'agent_run', subjectId: runId }]);
  }
}

function countsOf(outcome: SequenceOutcome): EmailMetric[] {
  const metric = (kind: string, value: number): EmailMetric => ({ organizationId: outcome.organizationId, campaignId: outcome.campaignId, kind, value, subjectType: 'email_sequence', subjectId: outcome.sequenceId });
  return [...(outcome.suppressed > 0 ? [metric('suppressed', outcome.suppressed)] : []), ...(outcome.sendRunIds.length > 0 ? [metric('queued', outcome.sendRunIds.length)] : [])];
}
