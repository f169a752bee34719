import { dropDatabase } from './database';

export default async function globalTeardown(): Promise<void> {
  const template = process.env.NEONHUB_TEST_TEMPLATE;
  if (template) await dropDatabase(template);
}
