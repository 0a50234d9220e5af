import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  assertApolloInternals,
  compiledExecutor,
  compiledShaping,
  installedApolloGatewayVersion,
  installedRepresentationReuse,
  missingApolloInternals,
  plainObjectExecution,
  reuseExecutedOperations,
  subgraphRequestBody,
  VERIFIED_APOLLO_GATEWAY_VERSION,
} from "../src/apollo-internals";
import { buildSchema, operationFromDocument } from "@apollo/federation-internals";
import { buildSchema as buildGraphQLSchema, parse } from "graphql";

describe("the Apollo internals the gateway patches", () => {
  it("are all there, and still called, in the installed @apollo/gateway", () => {
    expect(missingApolloInternals()).toEqual([]);
    expect(() => assertApolloInternals()).not.toThrow();
  });

  it("are named one by one when a release drops or stops calling them", () => {
    const gateway = { createServices() {}, createSchemaFromSupergraphSdl() {} };
    const dataSource = { process() {}, errorFromResponse() {} };
    expect(missingApolloInternals(gateway, dataSource, {})).toEqual([
      "RemoteGraphQLDataSource.sendRequest()",
      "a caller of ApolloGateway.createSchemaFromSupergraphSdl()",
      "Supergraph.build() of @apollo/federation-internals",
      "ROUTER_SUPPORTED_SUPERGRAPH_FEATURES of @apollo/federation-internals",
      "operationFromDocument() of @apollo/federation-internals/dist/operations",
      "executeQueryPlan() building the operation with operationFromDocument(apiSchema, ...)",
      "executeSelectionSet() of @apollo/gateway/dist/executeQueryPlan as verified (sha256 f27c2c8ee760f34cb8dc706c45d459aa887090b41ce9cacd01483a197042ddc7)",
      "executeQueryPlan()'s entity fetch building its representations as verified",
      "executeQueryPlan()'s fetches merging into the result as verified (copy on write)",
      "executeQueryPlan() calling computeResponse() through its module's export",
      "@apollo/gateway/dist/resultShaping as verified (sha256 eb49b81fe4ba3b7b44d24c6279d92aab2a148f89e93737a8671753156b1b8466)",
      "ApolloGateway calling executeQueryPlan() through its module's export",
    ]);
  });

  it("stop the gateway at start with a message that says what is missing and what to do", () => {
    expect(() => assertApolloInternals(["RemoteGraphQLDataSource.sendRequest()"])).toThrow(
      /lacks what gateway\/src\/apollo-internals.ts relies on \(verified with 2\.14\.4\): RemoteGraphQLDataSource\.sendRequest\(\)\. Pin @apollo\/gateway/,
    );
  });

  it("are pinned exactly to the version they were verified with", () => {
    const { dependencies } = JSON.parse(readFileSync(join(__dirname, "..", "package.json"), "utf8"));
    expect(dependencies["@apollo/gateway"]).toBe(VERIFIED_APOLLO_GATEWAY_VERSION);
    expect(dependencies["@apollo/federation-internals"]).toBe(VERIFIED_APOLLO_GATEWAY_VERSION);
    expect(installedApolloGatewayVersion()).toBe(VERIFIED_APOLLO_GATEWAY_VERSION);
  });
});

describe("the executor's operation, as the gateway reuses it", () => {
  const schema = buildSchema("type Query { a: Int b: Int }");
  // As executeQueryPlan calls it: through the operations module's export, read at each call.
  const operations = createRequire(__filename)("@apollo/federation-internals") as {
    operationFromDocument: typeof operationFromDocument;
  };
  reuseExecutedOperations();

  it("is built once for one parsed operation, and given again on the next request", () => {
    const document = parse("{ a b }");
    const first = operations.operationFromDocument(schema, document, { validate: false });
    expect(operations.operationFromDocument(schema, document, { validate: false })).toBe(first);
    expect(first.toString()).toBe("{\n  a\n  b\n}");
  });

  it("is built anew for another parsed text, and whenever it is to be validated (planning)", () => {
    const document = parse("{ a }");
    const first = operations.operationFromDocument(schema, document, { validate: false });
    expect(operations.operationFromDocument(schema, parse("{ a }"), { validate: false })).not.toBe(first);
    expect(operations.operationFromDocument(schema, document)).not.toBe(first);
  });
});

describe("entity representations, as the gateway's executor builds them", () => {
  const apollos = compiledExecutor(false).executeSelectionSet;
  const plain = compiledExecutor(true).executeSelectionSet;
  // As the executor is given it: the supergraph as a graphql-js schema.
  const schema = buildGraphQLSchema(
    "type Query { a: Int } type Regency { code: ID } type Province { code: ID }",
  );
  // A plan's `requires`, as the query planner writes it (names as strings).
  const field = (name: string, selections?: unknown[], alias?: string) => ({
    kind: "Field",
    name,
    ...(alias ? { alias } : {}),
    ...(selections ? { selections } : {}),
  });
  const onRegency = (selections: unknown[]) => ({
    kind: "InlineFragment",
    typeCondition: "Regency",
    selections,
  });
  const requires = [
    onRegency([
      field("__typename"),
      field("code"),
      field("workforceEstimates", [field("year"), field("persons"), field("source", [field("id")])]),
    ]),
  ];
  const entities = [
    {
      __typename: "Regency",
      code: "16.06",
      name: "Musi Banyuasin",
      workforceEstimates: [
        { year: 2024, persons: 310000, source: { id: "a", title: "t" } },
        { year: 2025, persons: null, source: null },
      ],
    },
    { __typename: "Regency", code: "16.07", workforceEstimates: [] },
    { __typename: "Province", code: "16", workforceEstimates: [] },
    { __typename: "Regency", code: "16.08" },
    { __typename: "Regency", code: "16.09", workforceEstimates: [{ year: 2025, source: { id: "b" } }] },
    null,
  ];

  it("are the same JSON as Apollo's own, nulls where it gives null included", () => {
    for (const entity of entities)
      expect(JSON.stringify(plain(schema, entity, requires))).toBe(
        JSON.stringify(apollos(schema, entity, requires)),
      );
    // Missing a required field: empty, as Apollo's (the executor leaves it out: it has no __typename).
    expect(plain(schema, entities[3], requires)).toEqual({});
    expect(plain(schema, entities[5], requires)).toBeNull();
  });

  it("are plain objects, not Apollo's null-prototype ones (V8's slow dictionary mode)", () => {
    const representation = plain(schema, entities[0], requires) as { workforceEstimates: object[] };
    expect(Object.getPrototypeOf(representation)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(representation.workforceEstimates[0])).toBe(Object.prototype);
    expect(Object.getPrototypeOf(apollos(schema, entities[0], requires))).toBeNull();
  });

  it("keep a field answered as __proto__ as an own field, and merge a fragment into fields selected before it", () => {
    const selections = [
      field("code"),
      field("__proto__", undefined),
      onRegency([field("code", undefined, "again")]),
    ];
    const source = JSON.parse(
      '{"__typename":"Regency","code":"16.06","__proto__":{"id":"x"},"again":"16.06"}',
    );
    const built = plain(schema, source, selections) as Record<string, unknown>;
    expect(Object.keys(built)).toEqual(["code", "__proto__", "again"]);
    expect(JSON.stringify(built)).toBe(JSON.stringify(apollos(schema, source, selections)));
  });
});

describe("entity representations, as the gateway's executor reuses them", () => {
  const executor = compiledExecutor(true);
  const { sameRepresentations, keepRepresentations, keptLists, reusedLists } = executor as Required<
    typeof executor
  >;
  const schema = buildGraphQLSchema("type Query { a: Int } type Regency { code: ID }");
  const field = (name: string, selections?: unknown[]) => ({
    kind: "Field",
    name,
    ...(selections ? { selections } : {}),
  });
  const requires = [
    {
      kind: "InlineFragment",
      typeCondition: "Regency",
      selections: [field("__typename"), field("code"), field("targets", [field("year"), field("rate")])],
    },
  ];
  const regencies = () => [
    { __typename: "Regency", code: "16.06", name: "Musi Banyuasin", targets: [{ year: 2025, rate: 0.52 }] },
    { __typename: "Regency", code: "16.07", targets: [] },
  ];
  /** The representations of `entities` as the executor builds them, kept for `fetch`. */
  const built = (fetch: object, entities: unknown[]) => {
    const list = entities.map((entity) => executor.executeSelectionSet(schema, entity, requires));
    keepRepresentations(fetch, entities, list);
    return list;
  };

  it("are the very list built last for the same fetch, when the entities would build the same", () => {
    const fetch = { requires };
    const list = built(fetch, regencies());
    expect(keptLists.has(list)).toBe(true);
    expect(sameRepresentations(schema, fetch, regencies())).toBe(list);
    expect(reusedLists.has(list)).toBe(true);
  });

  it("are built anew when a value, a field, an element or the number of entities differs", () => {
    const fetch = { requires };
    built(fetch, regencies());
    const changed = [
      (r: ReturnType<typeof regencies>) => (r[1].code = "16.08"),
      (r: ReturnType<typeof regencies>) => (r[0].targets[0].rate = 0.53),
      (r: ReturnType<typeof regencies>) => r[0].targets.push({ year: 2026, rate: 0.5 }),
      (r: ReturnType<typeof regencies>) => delete (r[1] as { targets?: unknown }).targets,
      (r: ReturnType<typeof regencies>) => Object.assign(r[1].targets, [{ year: 2025, rate: 0.5, extra: 1 }]),
      (r: ReturnType<typeof regencies>) => r.pop(),
      (r: ReturnType<typeof regencies>) => (r[0].__typename = "Province"),
    ];
    for (const change of changed) {
      const entities = regencies();
      change(entities);
      expect(sameRepresentations(schema, fetch, entities)).toBeNull();
    }
    expect(sameRepresentations(schema, { requires }, regencies())).toBeNull();
  });

  it("are the list built last when the entities hold the very lists compared last, and compared again when they hold others", () => {
    const fetch = { requires };
    const shared = regencies();
    const list = built(fetch, shared);
    const copies = () => shared.map((entity) => ({ ...entity }));
    expect(sameRepresentations(schema, fetch, copies())).toBe(list);
    expect(sameRepresentations(schema, fetch, copies())).toBe(list);
    const others = copies();
    others[0].targets = [{ year: 2025, rate: 0.6 }];
    expect(sameRepresentations(schema, fetch, others)).toBeNull();
  });

  it("are never reused when a leaf is an object (it could change), nor when the fetch rewrites its input", () => {
    const withObject = [{ __typename: "Regency", code: { region: "16.06" }, targets: [] }];
    const fetch = { requires };
    built(fetch, withObject);
    expect(sameRepresentations(schema, fetch, withObject)).toBeNull();
    const rewriting = { requires, inputRewrites: [{ kind: "ValueSetter", path: ["code"], setValueTo: "x" }] };
    built(rewriting, regencies());
    expect(sameRepresentations(schema, rewriting, regencies())).toBeNull();
  });
});

describe("a subgraph request's body", () => {
  const request = (representations: unknown[], asOf = "2025-07-31") => ({
    query:
      "query($representations:[_Any!]!){_entities(representations:$representations){...on Regency{code}}}",
    variables: { asOf, representations },
    operationName: undefined,
  });

  it("is JSON.stringify of the request, byte for byte", () => {
    const representations = [{ __typename: "Regency", code: "16.06" }];
    expect(subgraphRequestBody(request(representations))).toBe(JSON.stringify(request(representations)));
  });

  it("is the same bytes when its representations are a list the executor gave again, whatever else changed", () => {
    plainObjectExecution();
    const reuse = installedRepresentationReuse()!;
    const schema = buildGraphQLSchema("type Query { a: Int } type Regency { code: ID }");
    const fetch = {
      requires: [
        {
          kind: "InlineFragment",
          typeCondition: "Regency",
          selections: [
            { kind: "Field", name: "__typename" },
            { kind: "Field", name: "code" },
          ],
        },
      ],
    };
    const entities = () => [{ __typename: "Regency", code: "16.06", name: "Musi Banyuasin" }];
    const list = [{ __typename: "Regency", code: "16.06" }];
    reuse.keepRepresentations(fetch, entities(), list);
    expect(subgraphRequestBody(request(list))).toBe(JSON.stringify(request(list)));
    expect(reuse.sameRepresentations(schema, fetch, entities())).toBe(list);
    expect(subgraphRequestBody(request(list))).toBe(JSON.stringify(request(list)));
    expect(subgraphRequestBody(request(list, "2025-08-31"))).toBe(
      JSON.stringify(request(list, "2025-08-31")),
    );
    expect(subgraphRequestBody({ ...request(list), operationName: "Named" })).toBe(
      JSON.stringify({ ...request(list), operationName: "Named" }),
    );
  });
});

describe("an answer, as the gateway's result shaping builds it", () => {
  type Shape = (options: object) => { data: unknown; errors: unknown[] };
  const apollos = compiledShaping(false).computeResponse as Shape;
  const plain = compiledShaping(true).computeResponse as Shape;
  const schema = buildSchema(`
    type Query { regencies: [Regency!]! regency(code: ID!): Regency }
    type Regency { code: ID! name: String coverage: Coverage }
    type Coverage { rate: Float status: String! }
  `);
  const shape = (compute: Shape, query: string, input: object, variables = {}) =>
    compute({
      operation: operationFromDocument(schema, parse(query)),
      variables,
      input,
      introspectionHandling: () => null,
    });
  const input = {
    regencies: [
      { code: "16.06", name: "Musi Banyuasin", coverage: { rate: 0.41, status: "BEHIND", extra: 1 } },
      { code: "16.07", name: null, coverage: null },
      { code: "16.08", name: "x", coverage: { rate: 0.5, status: null } },
    ],
  };

  it("is the same JSON as Apollo's own, errors and nulls where a non-null field is missing included", () => {
    for (const query of [
      "{ regencies { code name coverage { rate status } } }",
      "{ regencies { __typename code ...on Regency { name } c: coverage { status } } }",
      "query ($skip: Boolean!) { regencies { code name @skip(if: $skip) } }",
      "query ($skip: Boolean!, $with: Boolean!) { regencies { code @include(if: $with) name @skip(if: $skip) } }",
      "{ regencies { code @include(if: false) name @skip(if: false) coverage @skip(if: true) { rate } } }",
    ])
      for (const variables of [
        { skip: true, with: true },
        { skip: false, with: false },
      ]) {
        const ours = shape(plain, query, structuredClone(input), variables);
        const theirs = shape(apollos, query, structuredClone(input), variables);
        expect(JSON.stringify(ours.data)).toBe(JSON.stringify(theirs.data));
        expect(ours.errors.map(String)).toEqual(theirs.errors.map(String));
      }
  });

  it("is made of plain objects, not Apollo's null-prototype ones (V8's slow dictionary mode)", () => {
    const { data } = shape(plain, "{ regencies { code coverage { rate } } }", input) as {
      data: { regencies: { coverage: object }[] };
    };
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(data.regencies[0].coverage)).toBe(Object.prototype);
  });

  it("answers fields aliased constructor and __proto__ as its own fields, never from the prototype", () => {
    const query =
      '{ constructor: regency(code: "16.06") { code } __proto__: regency(code: "16.06") { toString: code } }';
    // As a subgraph's answer is parsed: "__proto__" an own field (an object literal would set the prototype).
    const answered = '{"constructor":{"code":"16.06"},"__proto__":{"toString":"16.06"}}';
    const source = JSON.parse(answered);
    const { data } = shape(plain, query, source) as { data: Record<string, unknown> };
    expect(Object.keys(data)).toEqual(["constructor", "__proto__"]);
    expect(JSON.stringify(data)).toBe(
      JSON.stringify(shape(apollos, query, JSON.parse(JSON.stringify(source))).data),
    );
    expect(JSON.stringify(data)).toBe('{"constructor":{"code":"16.06"},"__proto__":{"toString":"16.06"}}');
  });

  it("is the one the executor runs once the gateway has set it up", () => {
    plainObjectExecution();
    // The executor calls computeResponse through this module's export (see missingApolloInternals).
    const installed = createRequire(require.resolve("@apollo/gateway"))("./resultShaping.js") as {
      computeResponse: Shape;
    };
    const { data } = shape(installed.computeResponse, "{ regencies { code coverage { rate } } }", input) as {
      data: { regencies: { coverage: object }[] };
    };
    expect(Object.getPrototypeOf(data.regencies[0].coverage)).toBe(Object.prototype);
  });
});
