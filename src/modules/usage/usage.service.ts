import { Injectable } from '@nestjs/common';
import { Sql } from '../../infra/database/sql';
import { TokenBudget } from '../llm/usage/token-budget';
import { monthBounds, utcMonthOf } from '../llm/usage/month';
import type { AgentUsageLine, ModelUsageLine, OutsideRunUsageLine, UsageFigures, UsageReport } from './dto/usage.response';
import { USAGE_REPORT_SQL } from './usage-sql';

/** What an organization's model calls used and cost in a month, and what is left of its budget. */
@Injectable()
export class UsageService {
  constructor(private readonly sql: Sql, private readonly budget: TokenBudget) {}

  async report(organizationId: string, month = utcMonthOf(new Date())): Promise<UsageReport> {
    const { from, to } = monthBounds(month);
    const params = [organizationId, from, to];
    const [byModel, byAgent, outsideRuns, own, limit] = await Promise.all([
      this.sql.rows<ModelUsageLine>(USAGE_REPORT_SQL.byModel, params),
      this.sql.rows<AgentUsageLine>(USAGE_REPORT_SQL.byAgent, params),
      this.sql.rows<OutsideRunUsageLine>(USAGE_REPORT_SQL.outsideRuns, params),
      this.sql.maybeOne<{ own: boolean }>(USAGE_REPORT_SQL.ownBudget, [organizationId]),
      this.budget.budgetOf(organizationId),
    ]);
    const totals = sumOf([...byModel, ...outsideRuns]);
    const used = totals.inputTokens + totals.outputTokens;
    const tokens = limit === 0 ? null : limit;
    return {
      month,
      budget: { tokens, used, remaining: tokens === null ? null : Math.max(0, tokens - used), source: own?.own ? 'organization' : 'default' },
      totals,
      byModel,
      byAgent,
      outsideRuns,
    };
  }
}

function sumOf(lines: UsageFigures[]): UsageFigures {
  const total: UsageFigures = { inputTokens: 0, outputTokens: 0, costUsd: 0, unpricedCalls: 0, calls: 0 };
  for (const line of lines) {
    total.inputTokens += line.inputTokens;
    total.outputTokens += line.outputTokens;
    total.costUsd = Math.round((total.costUsd + line.costUsd) * 1e6) / 1e6;
    total.unpricedCalls += line.unpricedCalls;
    total.calls += line.calls;
  }
  return total;
}
