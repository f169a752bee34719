import type { Prisma } from '../../../generated/prisma/client';
import type { AppConfig } from '../../../config/app-config';
import { catalogRow } from '../connector-catalog.repository';
import { connectorMode } from '../connector-registry';
import type { ConnectorManifest } from '../connector.types';
import { CONNECTOR_DEFINITIONS } from '../providers';
import type { KeyRing } from './key-ring';
import { seal } from './secret-box';

/** The value of every placeholder secret: says what it is to whoever looks at a masked connection. */
export const MOCK_PLACEHOLDER_SECRET = 'mock-connection-placeholder';

/** The connectors this configuration runs as mocks. */
export function mockConnectorManifests(config: AppConfig): ConnectorManifest[] {
  return CONNECTOR_DEFINITIONS.filter((d) => connectorMode(config, d) === 'mock').map((d) => d.manifest);
}

/** One placeholder per declared secret field; OAuth2 connectors hold tokens, so an access token. */
export function placeholderSecrets(manifest: Pick<ConnectorManifest, 'secretFields'>): Record<string, string> {
  const fields = manifest.secretFields.length > 0 ? manifest.secretFields : ['accessToken'];
  return Object.fromEntries(fields.map((field) => [field, MOCK_PLACEHOLDER_SECRET]));
}

/**
 * Connects an organization to mock connectors the way an operator would connect real ones: one
 * ACTIVE connection each, its (placeholder, non-secret) credentials sealed by the vault for that
 * owner, so "credentials are never stored in clear" holds for every row. An existing connection
 * is left as it is: a tenant's own credentials are never replaced by placeholders.
 * Returns how many connections it created.
 */
export async function connectMockConnectors(
  db: Pick<Prisma.TransactionClient, 'connector' | 'connectorAuth'>,
  ring: KeyRing,
  organizationId: string,
  manifests: ConnectorManifest[],
): Promise<number> {
  let created = 0;
  for (const manifest of manifests) {
    const data = catalogRow(manifest);
    const { id: connectorId } = await db.connector.upsert({ where: { key: manifest.key }, create: { key: manifest.key, ...data }, update: {}, select: { id: true } });
    const where = { organizationId_connectorId_connectionName: { organizationId, connectorId, connectionName: 'default' } };
    if (await db.connectorAuth.findUnique({ where, select: { id: true } })) continue;
    const sealed = seal(ring, { organizationId, connectorKey: manifest.key, connectionName: 'default' }, JSON.stringify(placeholderSecrets(manifest)));
    await db.connectorAuth.create({
      data: { organizationId, connectorId, connectionName: 'default', status: 'ACTIVE', secretCiphertext: sealed.ciphertext, secretKeyId: sealed.keyId, scopes: manifest.scopes },
      select: { id: true },
    });
    created += 1;
  }
  return created;
}
