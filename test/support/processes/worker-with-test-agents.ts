import 'reflect-metadata';
import { runMain } from '../../../src/bootstrap';
import { startWorker } from '../../../src/worker';
import { TEST_AGENTS_IN_WORKERS } from '../wait-test-agents';

/** The worker, as src/worker.ts starts it, with the agents e2e specs add: started by startTestWorker. */
void runMain((config) => startWorker(config, TEST_AGENTS_IN_WORKERS));
