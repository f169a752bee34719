import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { errors as undiciErrors, request, type Agent } from 'undici';
import { APP_CONFIG } from '../../../config/config.module';
import type { AppConfig } from '../../../config/app-config';
import { createAddressPolicy } from '../../../infra/network/address-policy';
import { BlockedAddressError, createGuardedAgent } from '../../../infra/network/guarded-agent';

export type SendResult = { ok: true; statusCode: number } | { ok: false; statusCode: number | null; error: string };

/** Bytes of a response body read (then dropped) so its connection can be reused; more and it is closed instead. */
const DRAIN_LIMIT = 64 * 1024;

/**
 * POSTs one signed delivery. The URL is the tenant's choice, so it goes through the guarded agent:
 * the address connected to is checked after DNS resolution (a name that resolves to a private
 * address is refused at connect time, which also defeats DNS rebinding) unless configuration
 * allows private addresses. Redirects are not followed (a 3xx is a failure, as Standard Webhooks
 * says), and one deadline covers connecting, sending and the response's headers.
 */
@Injectable()
export class WebhookSender implements OnApplicationShutdown {
  private readonly agent: Agent;
  private readonly timeoutMs: number;
  readonly userAgent: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.timeoutMs = config.webhooks.timeoutMs;
    this.userAgent = `NeonHub-Webhooks/${config.version}`;
    // One agent per process: keep-alive connections to a busy receiver are reused across deliveries.
    this.agent = createGuardedAgent(createAddressPolicy({ allowPrivateAddresses: config.webhooks.allowPrivateUrls }), undefined, undefined, {
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
    });
  }

  async send(url: string, headers: Record<string, string>, body: string): Promise<SendResult> {
    try {
      const response = await request(url, { method: 'POST', headers, body, dispatcher: this.agent, signal: AbortSignal.timeout(this.timeoutMs) });
      await response.body.dump({ limit: DRAIN_LIMIT }).catch(() => undefined);
      const { statusCode } = response;
      return statusCode >= 200 && statusCode <= 299 ? { ok: true, statusCode } : { ok: false, statusCode, error: `the receiver answered ${statusCode}` };
    } catch (error) {
      return { ok: false, statusCode: null, error: this.describe(error) };
    }
  }

  private describe(error: unknown): string {
    if (error instanceof BlockedAddressError) return `${error.message} (WEBHOOK_ALLOW_PRIVATE_URLS)`;
    const name = error instanceof Error ? error.name : '';
    if (name === 'TimeoutError' || name === 'AbortError' || error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.ConnectTimeoutError) {
      return `no answer within ${this.timeoutMs} ms`;
    }
    const code = error instanceof Error && 'code' in error ? String(error.code) : undefined;
    return `the receiver could not be reached (${code ?? (error instanceof Error ? error.message : 'unknown error')})`;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.agent.close();
  }
}
