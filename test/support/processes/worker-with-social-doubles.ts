import 'reflect-metadata';
import { runMain } from '../../../src/bootstrap';
import { startWorker } from '../../../src/worker';
import { AgentConfigDouble } from '../agent-config-double';
import { SOCIAL_SETTINGS } from '../social-e2e';

// The organization the spec configured the social agent for, in the API process; the worker runs its runs too.
const organizationId = process.env.SOCIAL_E2E_ORGANIZATION_ID;
if (organizationId) AgentConfigDouble.configure(organizationId, 'social', { settings: SOCIAL_SETTINGS });

/** The worker, as src/worker.ts starts it, with the agent configuration the social specs stand in for. */
void runMain((config) => startWorker(config, [AgentConfigDouble]));
