import { Injectable } from '@nestjs/common';
import { RedisService } from '../../../infra/redis/redis.service';
import { ServiceUnavailableError } from '../../../common/errors/domain-errors';
import { InvalidOAuthStateError } from './oauth-errors';
import { oauthStateNonceKey } from '../../../infra/redis/redis-keys';

/**
 * Single use of a state: its nonce is claimed with SET NX until the state expires, so a callback
 * URL seen in a log, a proxy or the browser history cannot be replayed. Fails closed when Redis
 * is away (the user retries a moment later; an unbounded replay window is worse).
 */
@Injectable()
export class OAuthStateNonces {
  constructor(private readonly redis: RedisService) {}

  async claim(nonce: string, expiresAt: number, now = Date.now()): Promise<void> {
    let answer: string | null;
    try {
      answer = await this.redis.client.set(oauthStateNonceKey(nonce), '1', 'PX', Math.max(1, expiresAt - now), 'NX');
    } catch {
      throw new ServiceUnavailableError('the OAuth callback cannot be completed right now: Redis, which makes each state single-use, is unreachable; retry shortly', 5_000);
    }
    if (answer !== 'OK') throw new InvalidOAuthStateError('invalid OAuth state: it was already used; start again from GET /v1/connectors/:key/oauth/start');
  }
}
