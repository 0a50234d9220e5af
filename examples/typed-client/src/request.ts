import type { TypedDocumentString } from "./gql/graphql";

export class GraphQLRequestError extends Error {
  constructor(
    readonly errors: { message: string; extensions?: { code?: string } }[],
    readonly status: number,
  ) {
    super(errors.map((error) => `${error.extensions?.code ?? "ERROR"}: ${error.message}`).join("; "));
  }
}

/** POSTs a typed operation as GraphQL over HTTP; the answer has the operation's type. */
export async function request<Result, Variables>(
  endpoint: string,
  document: TypedDocumentString<Result, Variables>,
  variables: Variables,
  headers: Record<string, string> = {},
): Promise<Result> {
  const response = await fetch(endpoint, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/graphql-response+json, application/json",
      ...headers,
    },
    body: JSON.stringify({ query: document.toString(), variables }),
  });
  const body = (await response.json()) as { data?: Result | null; errors?: GraphQLRequestError["errors"] };
  if (body.errors?.length || !body.data) throw new GraphQLRequestError(body.errors ?? [], response.status);
  return body.data;
}
