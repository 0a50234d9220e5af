import type { ApolloServerPlugin } from "@apollo/server";
import type { Request } from "express";
import { GraphQLError } from "graphql";

/**
 * The GraphQL-over-HTTP spec where Apollo Server answers otherwise, as graphql-http's audit checks it:
 * - a request error (syntax, validation, variables, which operation to run) is 400, except to a client
 *   that names application/json and not application/graphql-response+json in Accept: the spec has such
 *   legacy clients answered 200, with the errors in the body;
 * - a document whose operation cannot be chosen (two operations and no operationName, or a name it does
 *   not hold) is such a request error, not a 500.
 * The media type is Apollo Server's choice: application/graphql-response+json when the client prefers it,
 * else application/json (also without an Accept header, or with one accepting any type).
 */
export const GRAPHQL_RESPONSE_JSON = "application/graphql-response+json";
const JSON_TYPE = "application/json";

/** The media type Apollo Server answers this request with (the same negotiation, the same order). */
export function responseMediaType(request: Request): string {
  return request.accepts([JSON_TYPE, GRAPHQL_RESPONSE_JSON]) || JSON_TYPE;
}

/** Whether Accept names application/json, and not application/graphql-response+json. */
function legacyClient(accept: string | undefined): boolean {
  const ranges = (accept ?? "").split(",").map((part) => part.split(";")[0].trim().toLowerCase());
  return ranges.includes(JSON_TYPE) && !ranges.includes(GRAPHQL_RESPONSE_JSON);
}

export function graphqlOverHttpPlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (operation) return;
          const message = request.operationName
            ? `The document has no operation named ${JSON.stringify(request.operationName)}: ` +
              "send the name of one of its operations as operationName."
            : "The document holds several operations: send the one to run as operationName.";
          throw new GraphQLError(message, {
            extensions: { code: "OPERATION_RESOLUTION_FAILURE", http: { status: 400 } },
          });
        },
        async willSendResponse({ request, response }) {
          const requestError =
            response.body.kind === "single" && response.body.singleResult.data === undefined;
          if (
            requestError &&
            response.http.status === 400 &&
            legacyClient(request.http?.headers.get("accept"))
          )
            response.http.status = 200;
        },
      };
    },
  };
}
