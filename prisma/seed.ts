import { ConfigurationError, loadConfig } from '../src/config/app-config';
import { seedDatabase } from '../src/infra/database/seed/seed';
import { mockConnectorManifests } from '../src/modules/connectors/vault/mock-connections';
import { loadKeyRing } from '../src/modules/connectors/vault/vault';

// `npm run db:seed`: seeds the server named by DATABASE_URL (the embedded database seeds itself at boot).
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.databaseUrl) throw new ConfigurationError('DATABASE_URL must be set to seed a database server');
  await seedDatabase({
    databaseUrl: config.databaseUrl,
    apiKey: config.seedApiKey,
    log: (m) => console.log(m),
    mockConnectors: { ring: loadKeyRing(config), manifests: mockConnectorManifests(config) },
  });
  console.log('seed complete');
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigurationError ? error.message : `seed failed: ${(error as Error).message}`);
  process.exit(1);
});
