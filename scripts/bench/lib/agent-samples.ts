/**
 * One sample input per standalone agent, for the agents bench, written against the seeded demo
 * organization: its brand (Northwind Coffee), its knowledge dataset and its mock connections.
 * An agent missing here is skipped and named ("no sample input"); an agent the deployment does
 * not offer is never looked up. Inputs follow each agent's DTO (GET /v1/agents shows the schema).
 */

export interface SampleContext {
  brandId: string;
  datasetId: string;
}

type Sample = (context: SampleContext) => Record<string, unknown>;

const PHONES = ['+14155550101', '+14155550102', '+14155550103'];
const EMAILS = ['ana@example.com', 'ben@example.com', 'chloe@example.com'];

export const AGENT_SAMPLES: Record<string, Sample> = {
  echo: () => ({ toolCalls: 2 }),
  ask: ({ brandId, datasetId }) => ({ question: 'How should I brew the Huila single origin as a pour-over?', brandId, datasetId }),
  content: ({ brandId, datasetId }) => ({ brief: 'Announce our autumn single-origin from Huila and how to brew it as a pour-over', format: 'blog_post', brandId, datasetId }),
  'brand-voice': ({ brandId }) => ({ text: 'Our coffee is the best in the world and cheap too!!! Buy now.', brandId }),
  sms: ({ brandId }) => ({ channel: 'sms', brief: 'Remind our regulars that the Huila single origin is back this weekend', recipients: PHONES, brandId }),
  email: ({ brandId }) => ({ brief: 'The Huila single origin is back: how to brew it, and 10% off this week', recipients: EMAILS, brandId }),
  social: ({ brandId }) => ({ brief: 'The Huila single origin is back this weekend at Northwind', networks: ['x', 'linkedin'], brandId }),
  'social-sync': () => ({ days: 7, limit: 20 }),
  seo: ({ brandId }) => ({ siteUrl: 'https://northwind.example', days: 28, brandId }),
  trends: () => ({ topics: ['specialty coffee', 'pour-over'], networks: ['reddit', 'x'] }),
  support: ({ brandId }) => ({ channel: 'slack', threadId: 'C0123456789:1700000000.000100', from: 'U061F7AUR', text: 'How long does shipping to the European Union take?', brandId }),
  ads: () => ({ customerId: '123-456-7890', targetCpa: 25 }),
  learning: () => ({ days: 30 }),
};

/**
 * Configuration settings the bench gives an agent so its runs finish now: SMS waits out the
 * recipients' quiet hours (21:00 to 08:00 local by default, a durable sleep of hours); an empty
 * window (start = end) is never quiet.
 */
export const AGENT_BENCH_SETTINGS: Record<string, Record<string, unknown>> = {
  sms: { quietHours: { start: '00:00', end: '00:00' } },
};

/** The agents the task names: those absent from GET /v1/agents are reported as skipped. */
export const EXPECTED_AGENTS = ['content', 'brand-voice', 'sms', 'sms-send', 'campaign-launch', 'email', 'email-send', 'social', 'social-publish', 'social-sync', 'seo', 'trends', 'support', 'ads', 'budget-execute', 'learning'];
