import { AgentConfigs } from '../agent-config/agent-configs';
import { AGENT_CONFIG_TOOL, type EffectiveAgentConfig, READ_CONFIG_ACTION } from '../agent-config/agent-config.types';
import { RUN_QUEUES } from '../agents/agent-queues';
import { Agent } from '../agents/agent.decorator';
import type { AgentHandler, AgentRunContext, RunUsageSoFar } from '../agents/agent.types';
import { DEFAULT_DAYS, DEFAULT_MIN_SAMPLE, LearningInput } from './learning.input';
import { LEARNING_TOOL, OUTCOMES_ACTION } from './learning.tool';
import { type AgentFigures, type OutcomesReport, TUNABLE_AGENTS, type TunableAgent } from './outcomes.types';
import { type Adjustment, tune } from './tuning-rules';

export const LEARNING_AGENT = 'learning';

export interface AgentTuning {
  agent: TunableAgent;
  /** Sends (email, SMS) or posts (social, content) in the window. */
  sample: number;
  figures: AgentFigures;
  /** Written at the run's commit, each a change row (source learning) a person can revert: GET /v1/agents/:agent/config/changes. */
  adjustments: Adjustment[];
  /** Why a rule (or the whole agent) changed nothing. */
  skipped: string[];
}

export interface LearningOutput {
  since: string;
  until: string;
  minSample: number;
  agents: AgentTuning[];
  usage: RunUsageSoFar;
}

/**
 * Tunes the organization's channel agents on their measured outcomes: the best send hour, the
 * temperature (down when rates fall below a floor, up above a ceiling), and a prompt hint naming
 * what worked. Nothing changes on a sample under minSample. Each change is applied in the run's
 * commit through AgentConfigs, recorded with its before and after, and reversible by a person.
 * Steps: one outcomes read, one configuration read per agent tuned; no model call.
 */
@Agent({
  name: LEARNING_AGENT,
  kind: 'ANALYTICS',
  description: "Reads the email, SMS, social and content agents' outcomes (opens, clicks, replies, opt-outs, engagement) and tunes their send hour, temperature and prompt hints, each change recorded and reversible",
  input: LearningInput,
  tools: [`${LEARNING_TOOL}.${OUTCOMES_ACTION}`, `${AGENT_CONFIG_TOOL}.${READ_CONFIG_ACTION}`],
  queue: RUN_QUEUES.learningTune,
  policy: { maxAttempts: 3 },
})
export class LearningAgent implements AgentHandler<LearningInput, LearningOutput> {
  constructor(private readonly configs: AgentConfigs) {}

  async run(input: LearningInput, context: AgentRunContext): Promise<LearningOutput> {
    const minSample = input.minSample ?? DEFAULT_MIN_SAMPLE;
    const report = await context.tools.call<OutcomesReport>(LEARNING_TOOL, OUTCOMES_ACTION, { agents: input.agents ?? [...TUNABLE_AGENTS], days: input.days ?? DEFAULT_DAYS });
    const agents: AgentTuning[] = [];
    for (const outcome of report.agents) {
      if (!outcome.registered) {
        agents.push({ agent: outcome.agent, sample: 0, figures: outcome.figures, adjustments: [], skipped: [`no agent named ${outcome.agent} in this deployment: nothing to tune`] });
        continue;
      }
      const config = await context.tools.call<EffectiveAgentConfig>(AGENT_CONFIG_TOOL, READ_CONFIG_ACTION, { agent: outcome.agent });
      const tuning = tune(outcome.figures, { temperature: config.temperature, promptHints: config.promptHints, settings: config.settings }, { minSample, maxTemperature: report.maxTemperature });
      agents.push({ agent: outcome.agent, figures: outcome.figures, ...tuning });
    }
    this.applyAtCommit(agents, context);
    return { since: report.since, until: report.until, minSample, agents, usage: context.usage() };
  }

  /** One commit for every change: a run that fails changes no agent, and one that completes changes them all. */
  private applyAtCommit(agents: AgentTuning[], context: AgentRunContext): void {
    const changes = agents.flatMap((tuning) => tuning.adjustments.map((adjustment) => ({ agent: tuning.agent, adjustment })));
    if (changes.length === 0) return;
    context.onCommit(async () => {
      for (const { agent, adjustment } of changes) {
        await this.configs.applyChange(context.organizationId, agent, { field: adjustment.field, after: adjustment.after, reason: adjustment.reason, source: 'learning', runId: context.runId });
      }
    });
  }
}
