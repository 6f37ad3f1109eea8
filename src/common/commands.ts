// What the commands that services take have in common.

/**
 * An entity a command names: its database id, and the global ID the client named it by, which messages
 * repeat ("Partnership <id> was not found") so that the client recognises its own input.
 */
export interface EntityRef {
  id: number;
  globalId: string;
}
