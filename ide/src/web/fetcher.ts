import { createGraphiQLFetcher, type Fetcher, type FetcherParams } from "@graphiql/toolkit";
import { Kind, parse } from "graphql";
import { getToken } from "./token";

/**
 * GraphiQL's own fetcher (a JSON POST accepting application/graphql-response+json, then application/json),
 * with the pasted token as `Authorization: Bearer …`. An Authorization header typed into the headers
 * editor wins. The gateway streams no incremental delivery, so plain POSTs are all it needs.
 */
export function createFetcher(url: string): Fetcher {
  const fetcher = createGraphiQLFetcher({ url, enableIncrementalDelivery: false });
  return (params, options) => {
    const headers: Record<string, unknown> = { ...options?.headers };
    const token = getToken();
    if (token && !Object.keys(headers).some((name) => name.toLowerCase() === "authorization")) {
      headers.Authorization = `Bearer ${token}`;
    }
    return fetcher(withShownOperation(params), { ...options, headers });
  };
}

/**
 * GraphiQL learns which operation the editor holds a moment after its text changes: run right after a tab
 * switch, it sends the previous tab's operation name with the new tab's document, which the server refuses
 * ("Unknown operation named …", graphql/graphiql#3632). What runs is what the editor shows: a name the
 * document does not hold is replaced by the document's only operation.
 */
function withShownOperation(params: FetcherParams): FetcherParams {
  if (!params.operationName) return params;
  let names: (string | undefined)[];
  try {
    names = parse(params.query)
      .definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION)
      .map((operation) => operation.name?.value);
  } catch {
    return params;
  }
  if (names.includes(params.operationName) || names.length !== 1) return params;
  return { ...params, operationName: names[0] ?? null };
}
