import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { validatePlain } from '../../common/validation/validate-plain';
import { ToolProvider } from '../tools/tool.decorator';
import type { ToolAction, ToolDefinition } from '../tools/tool.types';
import { type ReportingPeriod, reportingPeriod } from './planning/reporting-period';

export const SEO_TOOL = 'seo';
export const REPORTING_PERIOD_ACTION = 'reporting_period';

export class ReportingPeriodInput {
  /** Search Console keeps 16 months of data. */
  @ApiProperty({ minimum: 1, maximum: 480, example: 28 })
  @IsInt()
  @Min(1)
  @Max(480)
  days!: number;
}

/**
 * Reads the clock once, as a recorded step: the period an SEO run analyses and the day its
 * calendar starts from are then the step's output, and a retried or resumed run replays them
 * instead of reading a later clock (which could move the period and every planned date).
 */
@ToolProvider()
export class SeoTool implements ToolDefinition {
  readonly name = SEO_TOOL;
  readonly description = 'SEO planning helpers';
  readonly actions: Record<string, ToolAction> = {
    [REPORTING_PERIOD_ACTION]: {
      description: 'The last complete days of Search Console data as of now (Pacific time days, ending three days ago), and the instant read',
      input: ReportingPeriodInput,
      execute: async (raw): Promise<ReportingPeriod> => {
        const input = await validatePlain(ReportingPeriodInput, raw, 'input', `${SEO_TOOL}.${REPORTING_PERIOD_ACTION} input`);
        return reportingPeriod(new Date(), input.days);
      },
    },
  };
}
