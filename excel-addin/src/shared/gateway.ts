/** The gateway as the add-in sees it: one GraphQL endpoint, an optional bearer token, errors a planner can act on. */
export interface GatewayConfig {
  /** http(s)://host:port/graphql */
  url: string;
  token?: string | null;
  fetch?: typeof fetch;
}

export interface GraphQLError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; serviceName?: string };
}

export interface GraphQLResult<T = Record<string, unknown>> {
  data?: T | null;
  errors?: GraphQLError[];
}

/** The gateway could not be asked, or refused: every cell that needed it says which gateway and why. */
export class GatewayUnavailable extends Error {}

export async function postGraphQL<T = Record<string, unknown>>(
  config: GatewayConfig,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphQLResult<T>> {
  const doFetch = config.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(config.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(config.token ? { authorization: `Bearer ${config.token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    throw new GatewayUnavailable(
      `Gateway ${config.url} unreachable: ${(error as Error).message}. Check the URL in the task pane and that the gateway is running.`,
    );
  }
  let body: GraphQLResult<T> | undefined;
  try {
    body = (await response.json()) as GraphQLResult<T>;
  } catch {
    body = undefined;
  }
  if (!body || (!response.ok && !body.data)) {
    const reason = body?.errors?.[0]?.message ?? response.statusText;
    const hint =
      response.status === 401 || response.status === 403 ? " Check the access token in the task pane." : "";
    throw new GatewayUnavailable(
      `Gateway ${config.url} refused the request (HTTP ${response.status}: ${reason}).${hint}`,
    );
  }
  return body;
}
