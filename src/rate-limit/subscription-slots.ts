// How many subscriptions one caller holds open (SUBSCRIPTIONS_PER_KEY), so that one key cannot tie up an
// instance's sockets and listeners. Counted per instance: an open subscription is a resource of the process
// that serves it, and a shared count would outlive a process that dies without releasing its entries.
import { DomainError, ErrorCode } from '../common/errors';

export class TooManySubscriptionsError extends DomainError {
  constructor(limit: number) {
    super(ErrorCode.TOO_MANY_SUBSCRIPTIONS, `At most ${limit} subscriptions may be open at once per caller: complete one before starting another.`, undefined, { limit });
  }
}

export class SubscriptionSlots {
  private readonly open = new Map<string, number>();

  constructor(private readonly perCaller: number) {}

  /** Takes a slot for `caller` or throws TooManySubscriptionsError; the returned function gives it back (once). */
  take(caller: string): () => void {
    const count = this.open.get(caller) ?? 0;
    if (count >= this.perCaller) throw new TooManySubscriptionsError(this.perCaller);
    this.open.set(caller, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(caller) ?? 1) - 1;
      if (left > 0) this.open.set(caller, left);
      else this.open.delete(caller);
    };
  }
}
