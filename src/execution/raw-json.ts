// A response's `data` that PostgreSQL already wrote as JSON text: it goes out as it came, never parsed and
// serialised again.
export class RawJson {
  constructor(readonly text: string) {}
}

/** Apollo's stringifyResult: a compiled answer is spliced into the envelope, anything else JSON.stringify'd. */
export function stringifyResult(result: { data?: unknown; errors?: unknown; extensions?: unknown }): string {
  if (result.data instanceof RawJson && result.errors === undefined && result.extensions === undefined) {
    return `{"data":${result.data.text}}`;
  }
  return JSON.stringify(result);
}
