import { getQueueToken } from '@nestjs/bullmq';
// Not re-exported by the package's index; the same accessor its own explorer uses to find processors.
import { BullMetadataAccessor } from '@nestjs/bullmq/dist/bull-metadata.accessor';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import type { InstanceWrapper } from '@nestjs/core/injector/instance-wrapper';
import { Queue } from 'bullmq';
import { isQueuePrefix } from '../redis/redis-keys';

/** Raised at boot when a consuming process's queues and processors do not pair one to one. */
export class QueueTopologyError extends Error {
  override readonly name = 'QueueTopologyError';
}

/**
 * The BullMQ queues registered in this Nest container (`BullModule.registerQueue*`) and the
 * `@Processor` classes consuming them, found the way @nestjs/bullmq finds them, so a queue or a
 * processor added anywhere appears here without a list to edit. Read after instantiation (from
 * onModuleInit on, or on a created app): the queue providers are factories.
 */
@Injectable()
export class QueueTopology {
  private readonly accessor: BullMetadataAccessor;

  constructor(private readonly discovery: DiscoveryService, reflector: Reflector) {
    this.accessor = new BullMetadataAccessor(reflector);
  }

  /** One Queue per registered name (a queue registered by two modules is still one queue), by name. */
  queues(): Queue[] {
    const byName = new Map<string, Queue>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!(instance instanceof Queue) || wrapper.token !== getQueueToken(instance.name)) continue;
      if (!byName.has(instance.name)) byName.set(instance.name, instance);
    }
    return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Queue name -> the processor classes consuming it, by queue name. */
  processors(): Map<string, string[]> {
    const byQueue = new Map<string, string[]>();
    for (const wrapper of this.discovery.getProviders()) {
      const type = processorClass(wrapper);
      if (!type || !this.accessor.isProcessor(type)) continue;
      // @Processor() without a name consumes BullMQ's 'default' queue, as the explorer resolves it.
      const queue = this.accessor.getProcessorMetadata(type)?.name ?? 'default';
      byQueue.set(queue, [...(byQueue.get(queue) ?? []), type.name]);
    }
    return new Map([...byQueue].sort(([a], [b]) => a.localeCompare(b)));
  }

  /** The names of the queues this process consumes, by name. */
  consumedQueueNames(): string[] {
    return [...this.processors().keys()];
  }

  /**
   * In a process that consumes its queues: each registered queue has exactly one processor. None
   * would leave its jobs waiting forever without a trace; two would run two workers with their own
   * concurrency and options on one queue; a processor of an unregistered queue is a misspelt name.
   */
  assertOneProcessorPerQueue(): void {
    const processors = this.processors();
    const registered = new Set(this.queues().map((queue) => queue.name));
    const problems: string[] = [];
    const unconsumed = [...registered].filter((queue) => !processors.has(queue));
    if (unconsumed.length > 0) problems.push(`no processor for ${unconsumed.join(', ')}`);
    const shared = [...processors].filter(([, classes]) => classes.length > 1);
    if (shared.length > 0) problems.push(`more than one processor for ${shared.map(([queue, classes]) => `${queue} (${classes.join(', ')})`).join(', ')}`);
    const unregistered = [...processors].filter(([queue]) => !registered.has(queue));
    if (unregistered.length > 0) problems.push(`processors of unregistered queues: ${unregistered.map(([queue, classes]) => `${queue} (${classes.join(', ')})`).join(', ')}`);
    if (problems.length > 0) throw new QueueTopologyError(`Queue topology: every consumed queue needs exactly one processor: ${problems.join('; ')}`);
  }

  /**
   * Every registered queue keeps its keys under its hash-tagged prefix (redis-keys.ts queuePrefix,
   * given by queueRegistration). A queue registered another way would run on one Redis and then
   * fail every script with CROSSSLOT on a Redis Cluster, or leave its jobs under another prefix.
   */
  assertHashTaggedPrefixes(): void {
    const untagged = this.queues().filter((queue) => !isQueuePrefix(queue.name, queue.opts.prefix));
    if (untagged.length === 0) return;
    const found = untagged.map((queue) => `${queue.name} (prefix ${queue.opts.prefix ?? 'none'})`).join(', ');
    throw new QueueTopologyError(`Queue topology: every queue must be registered through queueRegistration, for its Redis Cluster hash tag: ${found}`);
  }
}

/**
 * Fails the boot of a consuming process (the worker; the API on the embedded database) whose
 * queues and processors do not pair one to one, or with a queue outside its hash-tagged prefix. Provided only there: a producing-only API
 * registers queues it never consumes. onModuleInit comes before any processor's
 * onApplicationBootstrap, where the workers start taking jobs.
 */
@Injectable()
export class QueueTopologyCheck implements OnModuleInit {
  constructor(private readonly topology: QueueTopology) {}

  onModuleInit(): void {
    this.topology.assertOneProcessorPerQueue();
    this.topology.assertHashTaggedPrefixes();
  }
}

/**
 * As @nestjs/bullmq's explorer decides it: a useValue provider has no metatype and a useFactory
 * one has the factory as its metatype, so both are known by their instance's constructor.
 */
function processorClass(wrapper: InstanceWrapper): (new (...args: never[]) => unknown) | undefined {
  const type: unknown = !wrapper.metatype || wrapper.inject ? (wrapper.instance as object | undefined)?.constructor : wrapper.metatype;
  return typeof type === 'function' ? (type as new (...args: never[]) => unknown) : undefined;
}
