import { BeforeApplicationShutdown, Injectable, OnModuleInit } from '@nestjs/common';
import type { RedisClient } from '../../../infra/redis/redis-client';
import { PinoLogger } from 'nestjs-pino';
import { ServiceUnavailableError } from '../../../common/errors/domain-errors';
import { RedisService } from '../../../infra/redis/redis.service';
import { runEventChannel, type RunEventMessage } from './run-event';
import { toRunEventView } from './run-event.view';

/** A message as every follower of the run gets it: parsed and serialized once, whatever their number. */
export interface FeedMessage {
  event: RunEventMessage;
  /** The SSE `data:` of the event (its public view as JSON). */
  json: string;
}

/** One client following one run (an SSE stream). */
export interface RunFollower {
  deliver(message: FeedMessage): void;
  /** Redis came back: messages published while it was away are lost; read the stored log again. */
  resync(): void;
  /** The process shuts down: end the stream (the client resumes elsewhere with Last-Event-ID). */
  end(): void;
}

interface Channel {
  followers: Set<RunFollower>;
  /** The SUBSCRIBE of this channel, acknowledged by Redis. */
  subscribed: Promise<unknown>;
}

/** How long a follower waits for its SUBSCRIBE before the request fails 503 (Redis is away). */
const SUBSCRIBE_TIMEOUT_MS = 5_000;

/**
 * The run events this API process's clients follow, from ONE Redis subscriber connection however
 * many clients follow however many runs: a run's channel is subscribed when its first follower
 * arrives and unsubscribed when its last one leaves, and each message is parsed and serialized
 * once, then handed to the run's followers in process. A connection per client would cost Redis a
 * client each and this process a socket and a JSON.parse per message each.
 *
 * SUBSCRIBE and UNSUBSCRIBE go out on one connection, which Redis executes in order: a channel
 * left and followed again at once ends subscribed, without waiting for the UNSUBSCRIBE.
 */
@Injectable()
export class RunEventFeed implements OnModuleInit, BeforeApplicationShutdown {
  private readonly channels = new Map<string, Channel>();
  private subscriber?: RedisClient;
  private connectedBefore = false;

  constructor(private readonly redis: RedisService, private readonly logger: PinoLogger) {
    logger.setContext(RunEventFeed.name);
  }

  onModuleInit(): void {
    // Commands queue while disconnected (a follower's SUBSCRIBE waits for Redis, bounded below);
    // ioredis re-subscribes every channel when the connection comes back.
    this.subscriber = this.redis.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null });
    this.subscriber.on('error', () => undefined);
    this.subscriber.on('message', (channel: string, raw: string) => this.fanOut(channel, raw));
    this.subscriber.on('ready', () => this.reconnected());
  }

  /** Channels this process is subscribed to (one per followed run). */
  get followedRuns(): number {
    return this.channels.size;
  }

  /**
   * Resolves once this process receives the run's messages, with the function that stops
   * following. Rejects (and follows nothing) if Redis does not acknowledge in time.
   */
  async follow(runId: string, follower: RunFollower): Promise<() => void> {
    const subscriber = this.subscriber;
    if (!subscriber) throw new Error('RunEventFeed is not initialized');
    const name = runEventChannel(runId);
    let channel = this.channels.get(name);
    if (!channel) {
      channel = { followers: new Set(), subscribed: subscriber.subscribe(name) };
      // Whoever awaits it handles a failure; this keeps an abandoned one from being unhandled.
      channel.subscribed.catch(() => undefined);
      this.channels.set(name, channel);
    }
    channel.followers.add(follower);
    const leave = () => this.leave(name, follower);
    try {
      await withDeadline(channel.subscribed, SUBSCRIBE_TIMEOUT_MS);
    } catch (error) {
      leave();
      this.logger.warn({ runId, reason: (error as Error).message }, 'run event subscription failed');
      throw new ServiceUnavailableError('run events are unavailable: the event bus (Redis) cannot be reached; retry shortly', 5_000);
    }
    return leave;
  }

  beforeApplicationShutdown(): void {
    // An open stream would hold the HTTP server's close open until its run ends.
    for (const channel of [...this.channels.values()]) for (const follower of [...channel.followers]) follower.end();
    this.subscriber?.disconnect();
  }

  private leave(name: string, follower: RunFollower): void {
    const channel = this.channels.get(name);
    if (!channel?.followers.delete(follower) || channel.followers.size > 0) return;
    this.channels.delete(name);
    this.subscriber?.unsubscribe(name).catch(() => undefined);
  }

  private fanOut(name: string, raw: string): void {
    const followers = this.channels.get(name)?.followers;
    if (!followers?.size) return;
    let message: FeedMessage;
    try {
      const event = JSON.parse(raw) as RunEventMessage;
      message = { event, json: JSON.stringify(toRunEventView(event)) };
    } catch (error) {
      this.logger.warn({ channel: name, reason: (error as Error).message }, 'run event message unreadable; dropped');
      return;
    }
    for (const follower of followers) follower.deliver(message);
  }

  private reconnected(): void {
    if (!this.connectedBefore) {
      this.connectedBefore = true;
      return;
    }
    this.logger.info({ runs: this.channels.size }, 'run event feed reconnected; followers read the stored log again');
    for (const channel of this.channels.values()) for (const follower of channel.followers) follower.resync();
  }
}

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no SUBSCRIBE acknowledgement within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
