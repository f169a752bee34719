import { ConfigurationError } from '../../../config/app-config';

export interface KeyRing {
  /** New ciphertexts use this key. */
  currentId: string;
  keys: Map<string, Buffer>;
}

/**
 * NEONHUB_ENCRYPTION_KEYS = "id1:base64key1,id2:base64key2": the first is current, the rest
 * still decrypt (rotation: add a new key first, run `npm run vault:rotate`, then drop the old).
 */
export function parseKeyRing(spec: string): KeyRing {
  const keys = new Map<string, Buffer>();
  for (const entry of spec.split(',').map((e) => e.trim()).filter(Boolean)) {
    const [id, material] = entry.split(':');
    const key = material ? Buffer.from(material, 'base64') : Buffer.alloc(0);
    if (!id || !/^[A-Za-z0-9_-]{1,32}$/.test(id) || key.length !== 32) {
      throw new ConfigurationError('Invalid configuration: NEONHUB_ENCRYPTION_KEYS must be comma-separated <id>:<base64 of 32 bytes> entries');
    }
    if (keys.has(id)) throw new ConfigurationError(`Invalid configuration: NEONHUB_ENCRYPTION_KEYS names key id ${id} twice`);
    keys.set(id, key);
  }
  const currentId = keys.keys().next().value;
  if (!currentId) throw new ConfigurationError('Invalid configuration: NEONHUB_ENCRYPTION_KEYS must hold at least one key');
  return { currentId, keys };
}
