import { Injectable } from '@nestjs/common';
import { InjectMetric, makeCounterProvider, makeGaugeProvider, makeHistogramProvider } from '@willsoto/nestjs-prometheus';
import { Counter, Gauge, Histogram } from 'prom-client';

export const AGENT_RUNS_TOTAL = 'neonhub_agent_runs_total';
export const AGENT_RUN_DURATION = 'neonhub_agent_run_duration_seconds';
export const TOOL_EXECUTIONS_TOTAL = 'neonhub_tool_executions_total';
export const CIRCUIT_STATE = 'neonhub_circuit_breaker_state';
export const CIRCUIT_FAILURES_TOTAL = 'neonhub_circuit_breaker_failures_total';
export const RATE_LIMIT_HITS_TOTAL = 'neonhub_rate_limit_hits_total';
export const RUN_WAITS_TOTAL = 'neonhub_run_waits_total';
export const APPROVAL_DECISIONS_TOTAL = 'neonhub_approval_decisions_total';

/** Gauge values of neonhub_circuit_breaker_state. */
export const CIRCUIT_STATE_VALUE = { closed: 0, open: 1, halfOpen: 2, isolated: 3 } as const;

export const runMetricProviders = [
  makeCounterProvider({ name: AGENT_RUNS_TOTAL, help: 'Agent runs that reached a final status', labelNames: ['agent', 'status'] }),
  makeHistogramProvider({
    name: AGENT_RUN_DURATION,
    help: 'Agent run duration in seconds, from start to final status',
    labelNames: ['agent'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
  }),
  makeCounterProvider({ name: TOOL_EXECUTIONS_TOTAL, help: 'Tool calls made through the recording proxy', labelNames: ['tool', 'status'] }),
  makeGaugeProvider({ name: CIRCUIT_STATE, help: 'Circuit state per (agent, organization) in this process: 0 closed, 1 open, 2 half-open', labelNames: ['agent', 'organization'] }),
  makeCounterProvider({ name: CIRCUIT_FAILURES_TOTAL, help: 'Run failures counted by the circuit breaker', labelNames: ['agent'] }),
  makeCounterProvider({ name: RATE_LIMIT_HITS_TOTAL, help: 'Runs refused by the per (agent, user) rate limit', labelNames: ['agent'] }),
  makeCounterProvider({ name: RUN_WAITS_TOTAL, help: 'Runs released to wait, by what they wait for (AWAITING_APPROVAL, WAITING)', labelNames: ['agent', 'status'] }),
  makeCounterProvider({ name: APPROVAL_DECISIONS_TOTAL, help: 'Approvals decided: approved, rejected, expired', labelNames: ['decision'] }),
];

@Injectable()
export class RunMetrics {
  constructor(
    @InjectMetric(AGENT_RUNS_TOTAL) private readonly runs: Counter<string>,
    @InjectMetric(AGENT_RUN_DURATION) private readonly duration: Histogram<string>,
    @InjectMetric(TOOL_EXECUTIONS_TOTAL) private readonly tools: Counter<string>,
    @InjectMetric(CIRCUIT_STATE) private readonly circuitState: Gauge<string>,
    @InjectMetric(CIRCUIT_FAILURES_TOTAL) private readonly circuitFailures: Counter<string>,
    @InjectMetric(RATE_LIMIT_HITS_TOTAL) private readonly rateLimitHits: Counter<string>,
    @InjectMetric(RUN_WAITS_TOTAL) private readonly waits: Counter<string>,
    @InjectMetric(APPROVAL_DECISIONS_TOTAL) private readonly decisions: Counter<string>,
  ) {}

  runWaited(agent: string, status: string): void {
    this.waits.inc({ agent, status });
  }

  approvalDecided(decision: 'approved' | 'rejected' | 'expired'): void {
    this.decisions.inc({ decision });
  }

  runFinished(agent: string, status: string, seconds: number | undefined): void {
    this.runs.inc({ agent, status });
    if (seconds !== undefined) this.duration.observe({ agent }, seconds);
  }

  toolExecuted(tool: string, status: string): void {
    this.tools.inc({ tool, status });
  }

  circuitChanged(agent: string, organization: string, state: keyof typeof CIRCUIT_STATE_VALUE): void {
    this.circuitState.set({ agent, organization }, CIRCUIT_STATE_VALUE[state]);
  }

  circuitFailure(agent: string): void {
    this.circuitFailures.inc({ agent });
  }

  rateLimited(agent: string): void {
    this.rateLimitHits.inc({ agent });
  }
}
