import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { data } from "../../support/graphql";
import { useTestStack } from "../../support/servers";

const stack = useTestStack();

const csv = async (query: string) => {
  const response = await fetch(`${stack.url.replace("/graphql", "")}/export/coverage.csv?${query}`);
  return { response, text: await response.text() };
};

describe("GET /export/coverage.csv", () => {
  it("answers a header row and the same figures as GraphQL for a province", async () => {
    const { response, text } = await csv("province=16&asOf=2025-07-31");
    expect(response.headers.get("content-type")).toContain("text/csv");
    const rows: Record<string, string>[] = parse(text, { columns: true });
    expect(Object.keys(rows[0])).toEqual([
      "code", "name", "province_code", "province_name", "as_of", "active_participants", "workforce", "workforce_year",
      "rate", "target", "target_year", "gap", "required_monthly_pace", "status", "sources",
    ]);
    expect(rows).toHaveLength(17);
    const { regency } = await data(stack.gateway.url, `{ regency(code: "16.06") { coverage(asOf: "2025-07-31") { asOf activeParticipants workforce rate target gap status } } }`);
    const muba = rows.find((r) => r.code === "16.06")!;
    expect(muba).toMatchObject({
      as_of: regency.coverage.asOf,
      active_participants: String(regency.coverage.activeParticipants),
      workforce: String(regency.coverage.workforce),
      rate: String(regency.coverage.rate),
      target: String(regency.coverage.target),
      gap: String(regency.coverage.gap),
      status: regency.coverage.status,
    });
    expect(muba.sources).toContain("JPNN.com");
  });

  it("leaves unknown figures empty, never zero", async () => {
    const { text } = await csv("province=16&asOf=2025-07-31");
    const row = (parse(text, { columns: true }) as Record<string, string>[]).find((r) => r.code === "16.01")!;
    expect(row).toMatchObject({ as_of: "", active_participants: "", rate: "", gap: "" });
  });

  it("exports a list of regencies in the order given", async () => {
    const { text } = await csv("regencies=16.10,16.06&asOf=2025-07-31");
    expect((parse(text, { columns: true }) as Record<string, string>[]).map((r) => [r.code, r.active_participants])).toEqual([
      ["16.10", "35000"],
      ["16.06", "103079"],
    ]);
  });

  it("refuses a malformed province with a 400 saying what a code looks like", async () => {
    const { response, text } = await csv("province=Sumsel");
    expect(response.status).toBe(400);
    expect(text).toContain("province=Sumsel is not a province code");
  });
});
