// A caller's budget as one instance spends it: points are taken from the shared store in leases and spent
// here, so that a request costs no round trip while its caller's lease lasts. A lease is counted in the store
// when it is granted, so the fleet never allows more than the limit; what it costs is the other way round: an
// instance may hold points its caller then spends elsewhere, so near the limit a caller may be refused up to
// one lease per instance early (a lease is RATE_LIMIT_LEASE_PERCENT of the limit, and never more than is
// left). With leases of 0% every request asks the store, and the limit is exact.
import { LRUCache } from 'lru-cache';
import type { LimiterStore } from './rate-limit.store';

interface HeldLease {
  points: number;
  /** Date.now() at which the window the points belong to ends: they lapse with it. */
  until: number;
}

export interface BudgetOptions {
  /** The budget's name, prefixed to the caller in the store's key (e.g. "mutations:apikey:12"). */
  name: string;
  limit: number;
  windowMs: number;
  /** How many points one lease takes at least, when they are left. */
  leasePoints: number;
  /** Callers with a lease held at once; the least recently charged lose theirs first (unspent points lapse). */
  maxCallers?: number;
}

export class LeasedBudget {
  private readonly held: LRUCache<string, HeldLease>;
  /** One lease asked for at a time per caller: requests arriving meanwhile wait for it rather than each asking. */
  private readonly asking = new Map<string, Promise<void>>();

  constructor(
    private readonly store: LimiterStore,
    private readonly options: BudgetOptions,
  ) {
    this.held = new LRUCache({ max: options.maxCallers ?? 100_000 });
  }

  /**
   * Spends `points` of the caller's budget. Returns undefined when allowed, or the milliseconds until the
   * window ends when what is left does not cover them (then nothing is spent).
   */
  async take(caller: string, points: number): Promise<number | undefined> {
    for (;;) {
      const now = Date.now();
      const lease = this.held.get(caller);
      if (lease && lease.until > now && lease.points >= points) {
        lease.points -= points;
        return undefined;
      }
      const pending = this.asking.get(caller);
      if (pending) {
        await pending;
        continue;
      }
      let refusedFor: number | undefined;
      const asked = this.ask(caller, points, lease && lease.until > now ? lease.points : 0).then((ms) => {
        refusedFor = ms;
      });
      this.asking.set(caller, asked);
      try {
        await asked;
      } finally {
        this.asking.delete(caller);
      }
      if (refusedFor !== undefined) return refusedFor;
    }
  }

  /** Tops the caller's lease up so that it covers `points`; the milliseconds to wait when the store refuses. */
  private async ask(caller: string, points: number, kept: number): Promise<number | undefined> {
    const { name, limit, windowMs, leasePoints } = this.options;
    const need = points - kept;
    const asked = Date.now();
    const { granted, msBeforeReset } = await this.store.lease({ key: `${name}:${caller}`, need, want: Math.max(need, leasePoints), limit, windowMs });
    if (granted === 0) return msBeforeReset;
    // Measured from before the call, so that a lease never outlives its window here.
    const until = asked + msBeforeReset;
    // What is left of a lease still in its window is kept (requests may have spent some meanwhile); a lapsed
    // window's points are not carried into the new one.
    const current = this.held.get(caller);
    const carried = current && current.until > asked ? current.points : 0;
    this.held.set(caller, { points: carried + granted, until });
    return undefined;
  }
}
