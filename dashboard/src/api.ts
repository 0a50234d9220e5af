import { SERVICE_ROUTES } from "@cakupan/core";

/**
 * The dashboard's only way to its data: the gateway's public GraphQL endpoint. Operations are sent by their
 * registered id over GET (a cacheable URL: the gateway answers repeats from its response cache, the browser
 * revalidates with the ETag), with the pasted token when there is one.
 */
export interface GraphQLError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string };
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

const TOKEN_KEY = "cakupan.dashboard.token";

export function readToken(): string | null {
  return localStorage.getItem(TOKEN_KEY) || null;
}

export function saveToken(token: string | null): void {
  if (token) localStorage.setItem(TOKEN_KEY, token);
  else localStorage.removeItem(TOKEN_KEY);
}

/** The role a token claims, for display only: the gateway verifies it on every request. */
export function tokenRole(token: string): string | null {
  try {
    const payload = JSON.parse(atob(token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/"))) as {
      role?: unknown;
    };
    return typeof payload.role === "string" ? payload.role : null;
  } catch {
    return null;
  }
}

export const GRAPHQL_URL = new URL(`..${SERVICE_ROUTES.graphql}`, document.baseURI).href;

export async function run<T>(
  operation: RegisteredOperation,
  variables: Record<string, unknown>,
  token = readToken(),
): Promise<T> {
  const params = new URLSearchParams({
    documentId: `sha256:${operation.id}`,
    operationName: operation.name,
    variables: JSON.stringify(variables),
  });
  let response: Response;
  try {
    response = await fetch(`${GRAPHQL_URL}?${params}`, {
      headers: { accept: "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
  } catch (error) {
    throw new ApiError(`The gateway at ${GRAPHQL_URL} cannot be reached: ${(error as Error).message}`);
  }
  let body: { data?: T | null; errors?: GraphQLError[] } | undefined;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  if (!body?.data) {
    const error = body?.errors?.[0];
    throw new ApiError(
      error?.message ?? `The gateway answered HTTP ${response.status}.`,
      error?.extensions?.code,
    );
  }
  return body.data;
}
