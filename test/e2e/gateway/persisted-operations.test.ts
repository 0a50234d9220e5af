import { get } from "node:http";
import { beforeAll, describe, expect, it } from "vitest";
import { bearer } from "../../support/auth";
import { useTestStack } from "../../support/servers";

/** The dashboard's and the add-in's operations, registered at build time, asked for by id. */
const stack = useTestStack({ responseCache: true });
const strict = useTestStack({ gateway: { trustedDocuments: "only-anonymous" } });
let manifest: { format: string; operations: { id: string; name: string; type: string; body: string }[] };
const idOf = (name: string) => manifest.operations.find((o) => o.name === name)!.id;

beforeAll(async () => {
  manifest = await (
    await fetch(stack.gateway.url.replace("/graphql", "/graphql/persisted-operations.json"))
  ).json();
});

const byId = (base: string, name: string, variables: Record<string, unknown>) =>
  `${base}?${new URLSearchParams({ documentId: `sha256:${idOf(name)}`, variables: JSON.stringify(variables) })}`;

describe("persisted operations", () => {
  it("lists the dashboard's and the add-in's operations in Apollo's manifest format", () => {
    expect(manifest.format).toBe("apollo-persisted-query-manifest");
    const names = manifest.operations.map((o) => o.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "DashboardNational",
        "DashboardProvince",
        "DashboardRegency",
        "JskCoverage",
        "JskDirectory",
      ]),
    );
  });

  it("answers an operation sent by id only, over GET, and serves the repeat from the response cache", async () => {
    const url = byId(stack.gateway.url, "DashboardProvince", { code: "16", asOf: "2025-07-31" });
    const first = await fetch(url);
    expect(first.status).toBe(200);
    expect(first.headers.get("x-cache")).toBe("miss");
    const body = await first.json();
    // Ogan Ilir's 2023 report is stale at 2025-07-31 (issue 13): one regency is counted.
    expect(body.data.province.coverage.reportingCount).toBe(1);
    const hitsBefore = stack.gateway.cache!.hits;
    const repeat = await fetch(url);
    expect(repeat.headers.get("x-cache")).toBe("hit");
    expect(await repeat.json()).toEqual(body);
    expect(stack.gateway.cache!.hits).toBe(hitsBefore + 1);
  });

  it("plans every registered operation at start, so no first caller pays for planning", async () => {
    const plans = strict.gateway.plans;
    expect(plans.failed).toEqual([]);
    expect(plans.warmed).toBe(manifest.operations.length);
    const before = plans.plannedOnRequest;
    const first = await fetch(byId(strict.url, "DashboardProvince", { code: "16", asOf: "2025-07-31" }));
    const text = await fetch(strict.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: manifest.operations.find((o) => o.name === "JskCoverage")!.body,
        variables: { code: "16.06" },
      }),
    });
    expect([first.status, text.status]).toEqual([200, 200]);
    expect(plans.plannedOnRequest).toBe(before);
  });

  it("plans an operation nobody registered on its first request", async () => {
    const before = strict.gateway.plans.plannedOnRequest;
    await fetch(strict.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(await bearer("planner")) },
      body: JSON.stringify({ query: `{ regencies(provinceCode: "16") { code } }` }),
    });
    expect(strict.gateway.plans.plannedOnRequest).toBe(before + 1);
  });

  it("lets a browser revalidate a GET answer by its ETag (304, no body)", async () => {
    const url = byId(stack.gateway.url, "DashboardNational", { asOf: "2025-07-31" });
    const first = await fetch(url);
    expect(first.headers.get("cache-control")).toBe("public, no-cache");
    const etag = first.headers.get("etag")!;
    // A browser's HTTP cache revalidates so; fetch() with If-None-Match would add Cache-Control: no-cache.
    const status = await new Promise<number>((resolve, reject) =>
      get(
        url,
        { headers: { "if-none-match": etag } },
        (response) => (response.resume(), resolve(response.statusCode!)),
      ).on("error", reject),
    );
    expect(status).toBe(304);
  });

  it("accepts Apollo's persistedQuery extension too", async () => {
    const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: idOf("JskCoverage") } });
    const response = await fetch(
      `${stack.gateway.url}?${new URLSearchParams({ extensions, variables: JSON.stringify({ code: "16.06", asOf: "2025-07-31" }) })}`,
    );
    expect((await response.json()).data.regency.coverage.activeParticipants).toBe(103079);
  });

  it("answers an unknown id with PERSISTED_QUERY_NOT_FOUND and where the list is", async () => {
    const response = await fetch(`${stack.gateway.url}?documentId=sha256:${"0".repeat(64)}`);
    expect(response.status).toBe(404);
    const { errors } = await response.json();
    expect(errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_FOUND");
    expect(errors[0].message).toContain("/graphql/persisted-operations.json");
  });
});

describe("TRUSTED_DOCUMENTS=only-anonymous", () => {
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(strict.gateway.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });

  it("refuses an unregistered operation from an anonymous caller, saying how to get through", async () => {
    const response = await post({ query: '{ regency(code: "16.06") { name } }' });
    expect(response.status).toBe(403);
    const { errors } = await response.json();
    expect(errors[0].extensions.code).toBe("OPERATION_NOT_REGISTERED");
    expect(errors[0].message).toContain("bearer token");
  });

  it("runs a registered operation by id, or by its exact text", async () => {
    expect(
      (await (await fetch(byId(strict.gateway.url, "JskCoverage", { code: "16.06" }))).json()).data.regency
        .coverage,
    ).not.toBeNull();
    const body = manifest.operations.find((o) => o.name === "DashboardNational")!.body;
    expect(
      (await (await post({ query: body, variables: { asOf: "2025-07-31" } })).json()).data.provinces,
    ).toHaveLength(38);
  });

  it("runs an unregistered operation for a signed-in caller", async () => {
    const response = await post({ query: '{ regency(code: "16.06") { name } }' }, await bearer("planner"));
    expect((await response.json()).data.regency.name).toBe("Kabupaten Musi Banyuasin");
  });
});
