import type { GatewayInterface } from "@apollo/server-gateway-interface";
import {
  DateScalar,
  DateTimeScalar,
  MAX_VARIABLE_DEPTH,
  variablesProblem,
  variablesProblemMessage,
} from "@cakupan/core";
import type { RequestHandler } from "express";
import { type GraphQLScalarType, type GraphQLSchema, isScalarType } from "graphql";
import { sendGraphQLError } from "./client-errors";

/**
 * What the gateway checks of a request before hashing it, caching it or planning it: variables nested at
 * most MAX_VARIABLE_DEPTH deep and free of NUL characters (POST and GET alike), extensions an object, and
 * every
 * custom scalar of the supergraph read as its subgraphs read it, so an impossible date is refused here,
 * with the client's own variable names, instead of as a subgraph's "400: Bad Request".
 */
export const boundVariables: RequestHandler = (request, response, next) => {
  const body = request.body as { variables?: unknown; extensions?: unknown } | undefined;
  let { variables, extensions } =
    request.method === "GET"
      ? { variables: request.query.variables, extensions: request.query.extensions }
      : (body ?? {});
  try {
    if (request.method === "GET" && typeof variables === "string") variables = JSON.parse(variables);
    if (request.method === "GET" && typeof extensions === "string") extensions = JSON.parse(extensions);
  } catch {
    return next(); // Apollo Server answers that they are not JSON
  }
  if (extensions != null && (typeof extensions !== "object" || Array.isArray(extensions))) {
    return sendGraphQLError(
      response,
      400,
      "BAD_REQUEST",
      '`extensions` must be a JSON object (like {"persistedQuery": {...}}), or left out.',
    );
  }
  const problem = variablesProblem(variables, MAX_VARIABLE_DEPTH);
  if (!problem) return next();
  sendGraphQLError(
    response,
    400,
    problem.kind === "DEPTH" ? "BAD_REQUEST" : "BAD_USER_INPUT",
    variablesProblemMessage(problem),
  );
};

/** The supergraph only names its scalars; these are what they are. */
const SCALARS: Record<string, GraphQLScalarType> = { Date: DateScalar, DateTime: DateTimeScalar };

function readScalarsAsSubgraphsDo(schema: GraphQLSchema): void {
  for (const [name, definition] of Object.entries(SCALARS)) {
    const type = schema.getType(name);
    if (!isScalarType(type)) continue;
    // Only input is read here: what subgraphs answer passes through as they serialised it.
    type.parseValue = definition.parseValue;
    type.parseLiteral = definition.parseLiteral;
  }
}

/**
 * The gateway, as Apollo Server loads it, with the API schema's scalars reading input as the subgraphs'
 * own do: Apollo Server validates literals against that schema, and the gateway coerces variables with it.
 */
export function withEdgeScalars(gateway: GatewayInterface): GatewayInterface {
  return {
    load: (options) => gateway.load(options),
    onSchemaLoadOrUpdate(callback) {
      return gateway.onSchemaLoadOrUpdate((update) => {
        readScalarsAsSubgraphsDo(update.apiSchema);
        callback(update);
      });
    },
    stop: () => gateway.stop(),
  };
}
