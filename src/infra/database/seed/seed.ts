import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../../generated/prisma/client';
import { describeApiKey, issueApiKey } from '../../../modules/api-keys/api-key-token';
import { BUILT_IN_ROLES } from '../../../modules/auth/permissions/permissions';
import type { ConnectorManifest } from '../../../modules/connectors/connector.types';
import type { KeyRing } from '../../../modules/connectors/vault/key-ring';
import { connectMockConnectors } from '../../../modules/connectors/vault/mock-connections';
import { seedDemoBrand } from './seed-brand';
import { seedMarketing } from './seed-marketing';
import { seedKnowledge } from './seed-knowledge';

export const DEMO_ORGANIZATION_SLUG = 'demo';
export const DEMO_ADMIN_EMAIL = 'admin@demo.neonhub.local';
const SEED_KEY_NAME = 'seed';

export interface SeedOptions {
  databaseUrl: string;
  /** Plaintext of the seed API key; when absent a key is generated and printed once. */
  apiKey?: string;
  log?: (message: string) => void;
  /**
   * Connect the demo organization to these mock connectors (placeholder credentials sealed with
   * `ring`, like real ones), so a newcomer can call them: an unconnected mock refuses like a real
   * connector would.
   */
  mockConnectors?: { ring: KeyRing; manifests: ConnectorManifest[] };
}

export interface SeedResult {
  organizationId: string;
  userId: string;
  /** Set only when this call created a key whose plaintext nobody has seen yet. */
  generatedApiKey?: string;
}

/** Idempotent: every write is an upsert on a natural key, so a second run changes no row count. */
export async function seedDatabase(options: SeedOptions): Promise<SeedResult> {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: options.databaseUrl, max: 1 }) });
  try {
    // Prisma's default 5 s is too short for a seed that embeds the demo knowledge on a loaded
    // machine (it timed out at 5.3 s beside four test processes); a seed is one-off work.
    return await prisma.$transaction((tx) => seed(tx, options), { timeout: 60_000, maxWait: 10_000 });
  } finally {
    await prisma.$disconnect();
  }
}

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

async function seed(tx: Tx, options: SeedOptions): Promise<SeedResult> {
  const log = options.log ?? (() => undefined);
  const existed = (await tx.organization.count({ where: { slug: DEMO_ORGANIZATION_SLUG } })) > 0;
  const organization = await tx.organization.upsert({
    where: { slug: DEMO_ORGANIZATION_SLUG },
    create: { slug: DEMO_ORGANIZATION_SLUG, name: 'Demo Agency' },
    update: {},
  });
  const user = await tx.user.upsert({
    where: { email: DEMO_ADMIN_EMAIL },
    create: { email: DEMO_ADMIN_EMAIL, name: 'Demo Admin' },
    update: {},
  });
  // The built-in roles take their permissions from the code's table; their stored lists stay empty.
  for (const name of BUILT_IN_ROLES) {
    await tx.organizationRole.upsert({ where: { organizationId_name: { organizationId: organization.id, name } }, create: { organizationId: organization.id, name }, update: {} });
  }
  const role = await tx.organizationRole.findUniqueOrThrow({ where: { organizationId_name: { organizationId: organization.id, name: 'owner' } } });
  await tx.organizationMembership.upsert({
    where: { organizationId_userId: { organizationId: organization.id, userId: user.id } },
    create: { organizationId: organization.id, userId: user.id, roleId: role.id },
    update: {},
  });
  await seedDemoBrand(tx, organization.id);

  if (!existed) {
    const where = options.apiKey ? 'its API key is the one in SEED_API_KEY' : "its API key is printed below, once; set SEED_API_KEY to choose it instead";
    log(`seeded the demo organization ${organization.name} (${DEMO_ORGANIZATION_SLUG}) with its admin ${DEMO_ADMIN_EMAIL}; ${where}`);
  }
  if (options.mockConnectors) {
    const connected = await connectMockConnectors(tx, options.mockConnectors.ring, organization.id, options.mockConnectors.manifests);
    if (connected > 0) log(`connected the demo organization to ${connected} mock connectors with placeholder credentials (sealed like real ones)`);
  }

  await seedKnowledge(tx, organization.id);
  await seedMarketing(tx, organization.id, user.id);

  const owner = { organizationId: organization.id, userId: user.id, name: SEED_KEY_NAME };
  if (options.apiKey) {
    const key = describeApiKey(options.apiKey);
    const stored = await tx.apiKey.upsert({ where: { keyHash: key.hash }, create: { ...owner, prefix: key.prefix, keyHash: key.hash }, update: {} });
    // A revoked key stays revoked: setting it again must not resurrect a leaked credential, nor
    // retire the admin's working keys in its favour.
    if (stored.revokedAt) {
      log('SEED_API_KEY names a revoked key; it stays revoked. Set a new SEED_API_KEY.');
      return { organizationId: organization.id, userId: user.id };
    }
    // Rotating SEED_API_KEY (after a leak, say) retires the previous seed key.
    await tx.apiKey.updateMany({ where: { ...owner, revokedAt: null, NOT: { id: stored.id } }, data: { revokedAt: new Date() } });
    return { organizationId: organization.id, userId: user.id };
  }
  const existing = await tx.apiKey.findFirst({ where: { ...owner, revokedAt: null } });
  if (existing) return { organizationId: organization.id, userId: user.id };
  const key = issueApiKey();
  await tx.apiKey.create({ data: { ...owner, prefix: key.prefix, keyHash: key.hash } });
  log(`created the demo admin's API key (shown only now): ${key.plaintext}`);
  return { organizationId: organization.id, userId: user.id, generatedApiKey: key.plaintext };
}
