import 'reflect-metadata';
import { runMain } from '../../../src/bootstrap';
import { startWorker } from '../../../src/worker';
import { AgentConfigDouble } from '../agent-config-double';
import { TEST_AGENTS_IN_WORKERS } from '../wait-test-agents';

/** The test worker (worker-with-test-agents.ts) with agent_config.read answered by its double, for agents that read their configuration. */
void runMain((config) => startWorker(config, [...TEST_AGENTS_IN_WORKERS, AgentConfigDouble]));
