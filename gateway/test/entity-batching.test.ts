import type { GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import type { GatewayGraphQLResponse } from "@apollo/server-gateway-interface";
import { describe, expect, it } from "vitest";
import { batchEntityFetches } from "../src/entity-batching";

const COVERAGE =
  "query($representations:[_Any!]!){_entities(representations:$representations){...on Regency{coverage{rate}}}}";
const AWARDS =
  "query($representations:[_Any!]!){_entities(representations:$representations){...on Regency{awards{rank}}}}";

type Options = GraphQLDataSourceProcessOptions<object>;

/** A subgraph answering each representation with its own code, recording every request it was sent. */
function subgraph(
  answer: (codes: string[]) => GatewayGraphQLResponse = (codes) => ({
    data: { _entities: codes.map((code) => ({ code })) },
  }),
) {
  const requests: Options["request"][] = [];
  const process = async (options: Options) => {
    requests.push(options.request);
    const codes = ((options.request.variables?.representations ?? []) as { code: string }[]).map(
      (r) => r.code,
    );
    return answer(codes);
  };
  return { requests, process };
}

function entityFetch(
  context: object,
  codes: string[],
  query = COVERAGE,
  variables: Record<string, unknown> = {},
): Options {
  return {
    kind: "incoming operation",
    incomingRequestContext: { context },
    request: {
      query,
      variables: { ...variables, representations: codes.map((code) => ({ __typename: "Regency", code })) },
    },
    context,
  } as unknown as Options;
}

describe("batching the entity fetches of one operation", () => {
  it("sends the parallel entity fetches of one operation as one request and gives each its own entities in order", async () => {
    const { requests, process } = subgraph();
    const batched = batchEntityFetches(process);
    const operation = {};
    const answers = await Promise.all(
      [
        entityFetch(operation, ["16.06"]),
        entityFetch(operation, ["16.10", "16.01"]),
        entityFetch(operation, ["16.71"]),
      ].map(batched),
    );
    expect(requests).toHaveLength(1);
    expect(requests[0].variables?.representations).toHaveLength(4);
    expect(answers.map((a) => a.data?._entities)).toEqual([
      [{ code: "16.06" }],
      [{ code: "16.10" }, { code: "16.01" }],
      [{ code: "16.71" }],
    ]);
  });

  it("joins fetches whose queries differ only in the operation name the planner generated", async () => {
    const { requests, process } = subgraph();
    const batched = batchEntityFetches(process);
    const operation = {};
    await Promise.all(
      [
        entityFetch(operation, ["16.06"], COVERAGE.replace("query(", "query Sheet__participants__1(")),
        entityFetch(operation, ["16.10"], COVERAGE.replace("query(", "query Sheet__participants__2(")),
      ].map(batched),
    );
    expect(requests).toHaveLength(1);
  });

  it("never joins the fetches of different operations", async () => {
    const { requests, process } = subgraph();
    const batched = batchEntityFetches(process);
    await Promise.all([entityFetch({}, ["16.06"]), entityFetch({}, ["16.10"])].map(batched));
    expect(requests).toHaveLength(2);
  });

  it("keeps apart fetches that select different fields or pass different variables", async () => {
    const { requests, process } = subgraph();
    const batched = batchEntityFetches(process);
    const operation = {};
    await Promise.all(
      [
        entityFetch(operation, ["16.06"]),
        entityFetch(operation, ["16.10"], AWARDS),
        entityFetch(operation, ["16.01"], COVERAGE, { asOf: "2024-12-31" }),
        entityFetch(operation, ["16.02"], COVERAGE, { asOf: "2025-07-31" }),
      ].map(batched),
    );
    expect(requests).toHaveLength(4);
  });

  it("gives each fetch only the errors of its own entities, with their indexes in its own list", async () => {
    const { process } = subgraph((codes) => ({
      data: { _entities: codes.map((code) => (code === "16.10" ? null : { code })) },
      errors: [{ message: "no coverage for 16.10", path: ["_entities", codes.indexOf("16.10"), "coverage"] }],
    }));
    const batched = batchEntityFetches(process);
    const operation = {};
    const [first, second] = await Promise.all(
      [entityFetch(operation, ["16.06", "16.01"]), entityFetch(operation, ["16.71", "16.10"])].map(batched),
    );
    expect(first.errors).toBeUndefined();
    expect(second.errors).toEqual([{ message: "no coverage for 16.10", path: ["_entities", 1, "coverage"] }]);
    expect(second.data?._entities).toEqual([{ code: "16.71" }, null]);
  });

  it("passes root fetches through untouched", async () => {
    const { requests, process } = subgraph(() => ({ data: { regency: { code: "16.06" } } }));
    const batched = batchEntityFetches(process);
    const options = {
      kind: "incoming operation",
      incomingRequestContext: {},
      request: { query: '{regency(code:"16.06"){code}}' },
      context: {},
    } as unknown as Options;
    expect(await batched(options)).toEqual({ data: { regency: { code: "16.06" } } });
    expect(requests).toHaveLength(1);
  });

  it("counts the entity fetches asked for and the requests that carried them", async () => {
    const { process } = subgraph();
    const stats = { requested: 0, sent: 0 };
    const batched = batchEntityFetches(process, stats);
    const operation = {};
    await Promise.all(
      Array.from({ length: 200 }, (_, i) => entityFetch(operation, [`16.${i}`])).map(batched),
    );
    expect(stats).toEqual({ requested: 200, sent: 1 });
  });
});
