import type { GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import type { GatewayGraphQLResponse } from "@apollo/server-gateway-interface";
import DataLoader from "dataloader";

type Process<Context extends object> = (
  options: GraphQLDataSourceProcessOptions<Context>,
) => Promise<GatewayGraphQLResponse>;
type Representation = Record<string, unknown>;

export interface EntityBatchStats {
  /** Entity fetches the query plan asked for. */
  requested: number;
  /** Subgraph requests that carried them. */
  sent: number;
}

/**
 * The query planner gives every aliased root field its own entity fetch: an Excel sheet asking 200 regencies'
 * coverage as 200 aliases becomes 200 `_entities` requests to one subgraph, each paying its own SQL. Entity
 * fetches of one operation that ask the same subgraph the same selection at the same moment are sent as one
 * `_entities` request carrying all their representations, and its answer is split back in order: the cost of
 * an operation stays constant in the number of regions it names. Fetches of different operations are never
 * joined, so nothing one caller sees depends on another.
 */
export function batchEntityFetches<Context extends object>(
  process: Process<Context>,
  stats: EntityBatchStats = { requested: 0, sent: 0 },
): Process<Context> {
  const loaders = new WeakMap<
    object,
    DataLoader<GraphQLDataSourceProcessOptions<Context>, GatewayGraphQLResponse>
  >();
  return (options) => {
    const representations = options.request.variables?.representations;
    // Only fetches of an incoming operation carry its request context; health checks and schema loads do not.
    if (!("incomingRequestContext" in options) || !Array.isArray(representations) || !options.context)
      return process(options);
    stats.requested += 1;
    let loader = loaders.get(options.context);
    if (!loader) {
      // setImmediate: every fetch of a parallel plan node reaches here within the same turn of the event loop.
      loader = new DataLoader((batch) => sendBatch(batch, process, stats), {
        cache: false,
        batchScheduleFn: (send) => setImmediate(send),
      });
      loaders.set(options.context, loader);
    }
    return loader.load(options);
  };
}

/** A plan's subgraph query without its generated operation name; plans repeat, so each text is read once. */
const unnamedQueries = new Map<string, string>();
function unnamedQuery(query: string): string {
  let unnamed = unnamedQueries.get(query);
  if (unnamed === undefined) {
    unnamed = query.replace(/^(query|subscription)\s+[_A-Za-z][_0-9A-Za-z]*/, "$1");
    if (unnamedQueries.size >= 10_000) unnamedQueries.clear();
    unnamedQueries.set(query, unnamed);
  }
  return unnamed;
}

/**
 * Same subgraph query (its generated operation name aside) and same other variables: one request can answer.
 * Two keys rather than one joined string: the query's text is the plan's own string, whose hash is kept, where
 * a joined key would be a new string of the whole query, copied and hashed for each of a batch's fetches.
 */
function batchKey(options: GraphQLDataSourceProcessOptions<object>): [string, string] {
  const { representations: _, ...others } = options.request.variables ?? {};
  return [unnamedQuery(options.request.query ?? ""), JSON.stringify(others)];
}

async function sendBatch<Context extends object>(
  batch: readonly GraphQLDataSourceProcessOptions<Context>[],
  process: Process<Context>,
  stats: EntityBatchStats,
): Promise<GatewayGraphQLResponse[]> {
  const byQuery = new Map<string, Map<string, number[]>>();
  const groups: number[][] = [];
  batch.forEach((options, index) => {
    const [query, others] = batchKey(options as GraphQLDataSourceProcessOptions<object>);
    let byVariables = byQuery.get(query);
    if (!byVariables) byQuery.set(query, (byVariables = new Map()));
    const members = byVariables.get(others);
    if (members) members.push(index);
    else {
      const group = [index];
      byVariables.set(others, group);
      groups.push(group);
    }
  });
  const answers: GatewayGraphQLResponse[] = new Array(batch.length);
  await Promise.all(
    groups.map(async (members) => {
      stats.sent += 1;
      if (members.length === 1) {
        answers[members[0]] = await process(batch[members[0]]);
        return;
      }
      const parts = members.map(
        (index) => batch[index].request.variables!.representations as Representation[],
      );
      const first = batch[members[0]];
      const merged = await process({
        ...first,
        request: {
          ...first.request,
          variables: { ...first.request.variables, representations: parts.flat() },
        },
      } as GraphQLDataSourceProcessOptions<Context>);
      splitAnswer(merged, parts).forEach((answer, part) => (answers[members[part]] = answer));
    }),
  );
  return answers;
}

/** Each part gets its own slice of `_entities`, and the errors whose path falls in it, re-indexed. */
function splitAnswer(merged: GatewayGraphQLResponse, parts: Representation[][]): GatewayGraphQLResponse[] {
  const entities = (merged.data as { _entities?: unknown[] } | null | undefined)?._entities;
  let offset = 0;
  return parts.map((part) => {
    const start = offset;
    offset += part.length;
    if (!Array.isArray(entities)) return merged;
    const inPart = (index: unknown) =>
      typeof index === "number" && index >= start && index < start + part.length;
    const errors = merged.errors
      ?.filter(
        (error) => !Array.isArray(error.path) || error.path[0] !== "_entities" || inPart(error.path[1]),
      )
      .map((error) =>
        Array.isArray(error.path) && error.path[0] === "_entities"
          ? { ...error, path: ["_entities", (error.path[1] as number) - start, ...error.path.slice(2)] }
          : error,
      );
    const answer: GatewayGraphQLResponse = {
      ...merged,
      data: { ...merged.data, _entities: entities.slice(start, start + part.length) },
    };
    if (errors?.length) answer.errors = errors;
    else delete answer.errors;
    return answer;
  });
}
