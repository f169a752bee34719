import { Inject, Injectable } from '@nestjs/common';
import { ValidationFailedError } from '../../common/errors/domain-errors';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app-config';
import { classifyAddress, isIpLiteral } from '../../infra/network/address-policy';
import type { HostResolver } from '../../infra/network/guarded-agent';

export const WEBHOOK_HOST_RESOLVER = Symbol('WEBHOOK_HOST_RESOLVER');

/**
 * Which URLs an endpoint may have: absolute http(s) without credentials, https in production
 * (unless WEBHOOK_ALLOW_HTTP), and a host whose every address is public (unless
 * WEBHOOK_ALLOW_PRIVATE_URLS). Checked at registration for a clear 400; the sender checks the
 * address it connects to again at every attempt, since DNS may change after registration.
 */
@Injectable()
export class WebhookUrlPolicy {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(WEBHOOK_HOST_RESOLVER) private readonly resolveHost: HostResolver,
  ) {}

  async check(raw: string): Promise<string> {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw refused('url must be an absolute http or https URL');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw refused(`url must be http or https, not ${url.protocol.slice(0, -1)}`);
    if (url.protocol === 'http:' && !this.config.webhooks.allowHttp) throw refused('url must be https (WEBHOOK_ALLOW_HTTP)');
    // Credentials in a URL would be stored in clear and sent on every delivery.
    if (url.username || url.password) throw refused('url must not carry credentials; verify deliveries by their signature instead');
    url.hash = '';
    if (!this.config.webhooks.allowPrivateUrls) await this.checkAddresses(url.hostname);
    return url.href;
  }

  private async checkAddresses(hostname: string): Promise<void> {
    const addresses = isIpLiteral(hostname) ? [hostname] : await this.resolve(hostname);
    for (const address of addresses) {
      const verdict = classifyAddress(address);
      if (!verdict.allowed) {
        const via = address === hostname ? '' : ` (${hostname} resolves to ${address})`;
        throw refused(`url points at a ${verdict.range} address${via}; webhooks are delivered to public addresses only (WEBHOOK_ALLOW_PRIVATE_URLS)`);
      }
    }
  }

  private async resolve(hostname: string): Promise<string[]> {
    try {
      const resolved = await this.resolveHost(hostname);
      if (resolved.length > 0) return resolved.map((entry) => entry.address);
    } catch {
      // reported below, as for a name with no address
    }
    throw refused(`url host ${hostname} does not resolve to any address`);
  }
}

function refused(reason: string): ValidationFailedError {
  return new ValidationFailedError(['url'], `invalid request: ${reason}`);
}
