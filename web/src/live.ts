// Live updates: one graphql-ws connection per page, on the API's own path. A page subscribes to the commitments
// it shows and reloads its data when one of them changes (debounced: a burst of writes is one reload).
import { createClient, type Client } from 'graphql-ws';
import { credential } from './api';

export interface ChangedCommitment {
  id: string;
  title: string;
  status: string;
}

let client: Client | undefined;

function connection(): Client {
  if (client) return client;
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
  client = createClient({
    url,
    lazy: true,
    retryAttempts: Infinity,
    connectionParams: () => {
      const key = credential.get();
      return key ? { authorization: `Bearer ${key}` } : {};
    },
  });
  return client;
}

const SUBSCRIPTION = `subscription Live($filter: CommitmentFilter) {
  commitmentChanged(filter: $filter) { kind commitment { id title status } }
}`;

/** Calls `onChange` once per burst of changes to the commitments `filter` selects (and `accept` keeps). */
export function watchCommitments(
  filter: Record<string, unknown> | null,
  onChange: (changed: ChangedCommitment) => void,
  accept: (changed: ChangedCommitment) => boolean = () => true,
): () => void {
  let timer: number | undefined;
  let last: ChangedCommitment | undefined;
  const dispose = connection().subscribe<{ commitmentChanged: { commitment: ChangedCommitment } }>(
    { query: SUBSCRIPTION, variables: { filter } },
    {
      next: ({ data }) => {
        const changed = data?.commitmentChanged.commitment;
        if (!changed || !accept(changed)) return;
        last = changed;
        window.clearTimeout(timer);
        timer = window.setTimeout(() => onChange(last!), 150);
      },
      error: () => undefined,
      complete: () => undefined,
    },
  );
  return () => {
    window.clearTimeout(timer);
    dispose();
  };
}

export function announce(message: string): void {
  const live = document.getElementById('live');
  if (live) live.textContent = message;
}
