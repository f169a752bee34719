import { Injectable } from '@nestjs/common';
import { Vault } from '../connectors/vault/vault';

/**
 * Signing secrets sealed by the credential vault (AES-256-GCM under NEONHUB_ENCRYPTION_KEYS),
 * bound to their endpoint: a ciphertext copied to another endpoint or organization does not open.
 * The vault's owner fields name a connector and connection; an endpoint is `webhooks` / its id.
 */
@Injectable()
export class WebhookSecrets {
  constructor(private readonly vault: Vault) {}

  seal(organizationId: string, endpointId: string, secret: string): string {
    return this.vault.seal(ownerOf(organizationId, endpointId), { secret }).ciphertext;
  }

  /** Throws SecretDecryptionError when the ciphertext is not this endpoint's or its key left the ring. */
  open(organizationId: string, endpointId: string, ciphertext: string): string {
    const { secret } = this.vault.open(ownerOf(organizationId, endpointId), ciphertext);
    if (!secret) throw new Error('sealed webhook secret has no value');
    return secret;
  }
}

function ownerOf(organizationId: string, endpointId: string) {
  return { organizationId, connectorKey: 'webhooks', connectionName: endpointId };
}
