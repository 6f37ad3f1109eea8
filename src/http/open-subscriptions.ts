// The subscriptions a client holds open, so that metrics can count them and shutdown can end them before the
// HTTP drain (a WebSocket never goes idle, so the drain would otherwise wait out its whole grace period).
// The WebSocket server (websocket.server.ts) registers each one here.

/** Ends one subscription, telling its client why. */
export type CloseSubscription = () => Promise<void> | void;

export class OpenSubscriptions {
  private readonly open = new Set<CloseSubscription>();

  get count(): number {
    return this.open.size;
  }

  /** Registers an open subscription; call the returned function when it ends by itself. */
  add(close: CloseSubscription): () => void {
    this.open.add(close);
    return () => this.open.delete(close);
  }

  async closeAll(): Promise<void> {
    const closing = [...this.open];
    this.open.clear();
    await Promise.allSettled(closing.map(async (close) => close()));
  }
}
