/**
 * The Redis Cluster hash slot of a key (CRC16 of its hash tag, or of the whole key, modulo 16384),
 * by the implementation ioredis routes commands with. The package ships without type declarations.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const calculateSlot = require('cluster-key-slot') as (key: string) => number;

export function hashSlot(key: string): number {
  return calculateSlot(key);
}
