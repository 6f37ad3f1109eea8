// The one way the pages reach the server: POST /graphql, the public API, with the credential of the tab if any.
const CREDENTIAL_KEY = 'commitment-tracker.credential';

export const credential = {
  get: (): string | null => sessionStorage.getItem(CREDENTIAL_KEY),
  set: (value: string) => sessionStorage.setItem(CREDENTIAL_KEY, value.trim()),
  clear: () => sessionStorage.removeItem(CREDENTIAL_KEY),
};

export interface GraphQLErrorShape {
  message: string;
  extensions?: { code?: string };
}

/** The request failed, or the API answered with errors: what to tell the reader, and its code. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

export async function graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const key = credential.get();
  if (key) headers.authorization = `Bearer ${key}`;
  let response: Response;
  try {
    response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  } catch {
    throw new ApiError('The server could not be reached.', 'NETWORK');
  }
  let body: { data?: T | null; errors?: GraphQLErrorShape[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new ApiError(`The server answered ${response.status} ${response.statusText || ''}`.trim() + '.', `HTTP_${response.status}`);
  }
  const [first] = body.errors ?? [];
  if (first || !body.data) throw new ApiError(first?.message ?? `The server answered ${response.status} without data.`, first?.extensions?.code);
  return body.data;
}

/** What a refused credential or too small a role means for the reader. */
export function explain(error: unknown): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  if (error.code === 'UNAUTHENTICATED') return `The key or token was refused: ${error.message}`;
  if (error.code === 'FORBIDDEN') return `Not allowed with this key or token: ${error.message}`;
  return error.message;
}
