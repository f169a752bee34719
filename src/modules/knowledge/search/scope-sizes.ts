import type { ScopeSize } from './search-strategy';

/** Scopes remembered at most; past it the oldest entry goes (a Map keeps insertion order). */
const MAX_ENTRIES = 10_000;

/**
 * Row counts of search scopes, trusted for `ttlMs`: a scope's size changes slowly (documents are
 * ingested in minutes, not per query), and the strategy a slightly stale count picks is still a
 * correct search, only perhaps a slower one, for the seconds until the next count.
 */
export class ScopeSizes {
  private readonly entries = new Map<string, { size: ScopeSize; until: number }>();

  constructor(private readonly ttlMs: number, private readonly now: () => number = () => performance.now()) {}

  async get(key: string, count: () => Promise<ScopeSize>): Promise<ScopeSize> {
    const cached = this.entries.get(key);
    if (cached && cached.until > this.now()) return cached.size;
    const size = await count();
    this.entries.delete(key);
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { size, until: this.now() + this.ttlMs });
    return size;
  }
}
