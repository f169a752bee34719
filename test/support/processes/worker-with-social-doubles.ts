import 'reflect-metadata';
import { runMain } from '../../../src/bootstrap';
import { startWorker } from '../../../src/worker';
import { AgentConfigDouble } from '../agent-config-double';

/** The worker, as src/worker.ts starts it, with the agent configuration the social specs stand in for. */
void runMain((config) => startWorker(config, [AgentConfigDouble]));
