import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { bearer } from "../../support/auth";
import { data, graphql } from "../../support/graphql";
import { useTestStack } from "../../support/servers";

/**
 * A cheap request never costs the server much: long strings are refused before any SQL, an import's problem
 * report is bounded whatever the file, and the export answers its own documented maximum.
 */
const stack = useTestStack({ ownParticipantsDatabase: "bounded" });

const SEARCH = `query($s: String) { regencies(search: $s) { code } }`;

describe("search", () => {
  it("a 1.9 MB search is refused before any SQL runs", async () => {
    const { result, statements } = await stack.subgraphs.regencies.sql.measure(() =>
      graphql(stack.gateway.url, SEARCH, { s: "muba ".repeat(380_000) }),
    );
    expect(result.errors?.[0]).toMatchObject({
      extensions: { code: "BAD_USER_INPUT" },
      message: expect.stringContaining("at most 100 characters"),
    });
    expect(statements).toEqual([]);
  });

  it("100 characters are searched, 101 refused", async () => {
    expect((await graphql(stack.gateway.url, SEARCH, { s: "m".repeat(100) })).errors).toBeUndefined();
    expect(
      (await graphql(stack.gateway.url, SEARCH, { s: "m".repeat(101) })).errors?.[0].extensions?.code,
    ).toBe("BAD_USER_INPUT");
  });
});

describe("an import's problem report", () => {
  const IMPORT = `mutation($csv: String!) { importParticipants(regencyCode: "16.06", csv: $csv, dryRun: true) {
    rows valid problemCount problems { line column rule message } problemsByRule { rule count } } }`;

  it("lists the first 1,000 problems of a 1.8 MB junk file and counts every one by rule, in a small answer", async () => {
    const header = "nik,nama,kode_desa,pekerjaan,program,sumber_dana,iuran,tanggal_daftar";
    const junk = Array.from({ length: 36_000 }, (_, i) => `x${i},${"y".repeat(32)},z,w,v,u,t,s`);
    const csv = [header, ...junk].join("\n");
    expect(csv.length).toBeGreaterThan(1_800_000);
    const response = await fetch(stack.gateway.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(await bearer("operator", ["16.06"])) },
      body: JSON.stringify({ query: IMPORT, variables: { csv } }),
    });
    const text = await response.text();
    expect(text.length).toBeLessThan(500_000);
    const report = JSON.parse(text).data.importParticipants;
    expect(report.rows).toBe(36_000);
    expect(report.valid).toBe(0);
    expect(report.problems).toHaveLength(1000);
    expect(report.problems[0]).toMatchObject({ line: 2, column: "nik" });
    expect(report.problemCount).toBeGreaterThanOrEqual(36_000);
    expect(report.problemsByRule.reduce((sum: number, { count }: { count: number }) => sum + count, 0)).toBe(
      report.problemCount,
    );
  });
});

describe("the CSV export", () => {
  it("answers its documented maximum of 1,000 regencies", async () => {
    const { regencies } = await data(stack.gateway.url, `{ regencies { code } }`);
    const known: string[] = regencies.map((r: { code: string }) => r.code);
    const unknown = Array.from(
      { length: 1000 - known.length },
      (_, i) => `0${Math.floor(i / 99)}.${String((i % 99) + 1).padStart(2, "0")}`,
    );
    const response = await fetch(
      stack.gateway.url.replace(
        "/graphql",
        `/export/coverage.csv?regencies=${[...known, ...unknown].join(",")}`,
      ),
    );
    const text = await response.text();
    expect(response.status, text).toBe(200);
    const rows: { code: string }[] = parse(text, { columns: true });
    expect(rows.map((row) => row.code)).toEqual(known);
  });

  it("refuses 1,001 regencies, naming the maximum", async () => {
    const codes = Array.from({ length: 1001 }, () => "16.06").join(",");
    const response = await fetch(
      stack.gateway.url.replace("/graphql", `/export/coverage.csv?regencies=${codes}`),
    );
    expect(response.status).toBe(400);
    expect((await response.json()).errors[0].message).toContain("1000");
  });
});
