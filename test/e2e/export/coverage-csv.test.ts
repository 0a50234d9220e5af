import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { bearer } from "../../support/auth";
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
      "code",
      "name",
      "province_code",
      "province_name",
      "as_of",
      "active_participants",
      "workforce",
      "workforce_year",
      "rate",
      "target",
      "target_year",
      "gap",
      "required_monthly_pace",
      "status",
      "sources",
      "figure_status",
      "measure",
      "inferred",
      "inference",
      "age_months",
      "stale",
      "notes",
    ]);
    expect(rows).toHaveLength(17);
    const { regency } = await data(
      stack.gateway.url,
      `{ regency(code: "16.06") { coverage(asOf: "2025-07-31") { asOf activeParticipants workforce rate target gap status } } }`,
    );
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
    expect(
      (parse(text, { columns: true }) as Record<string, string>[]).map((r) => [
        r.code,
        r.active_participants,
      ]),
    ).toEqual([
      ["16.10", "35000"],
      ["16.06", "103079"],
    ]);
  });

  it("marks Ogan Ilir's 2023 figure ESTIMATE and stale for province 16 at 2025-07-31, with no status", async () => {
    const { text } = await csv("province=16&asOf=2025-07-31");
    const row = (parse(text, { columns: true }) as Record<string, string>[]).find((r) => r.code === "16.10")!;
    expect(row).toMatchObject({
      as_of: "2023-10-13",
      active_participants: "35000",
      figure_status: "ESTIMATE",
      measure: "ACTIVE",
      inferred: "true",
      age_months: "21",
      stale: "true",
      status: "",
    });
    expect(row.inference).toContain("Jumat (13/10)");
    expect(row.notes).toContain("21 months old");
  });

  it("marks Musi Banyuasin's July 2025 figure REPORTED, REGISTERED, fresh and not inferred", async () => {
    const { text } = await csv("province=16&asOf=2025-07-31");
    const row = (parse(text, { columns: true }) as Record<string, string>[]).find((r) => r.code === "16.06")!;
    expect(row).toMatchObject({
      figure_status: "REPORTED",
      measure: "REGISTERED",
      inferred: "false",
      inference: "",
      age_months: "0",
      stale: "false",
    });
  });

  it("gives the target of the question date's year: none in 2026, so no target, gap or status", async () => {
    const { text } = await csv("regencies=16.06&asOf=2026-11-30");
    const [row] = parse(text, { columns: true }) as Record<string, string>[];
    expect(row).toMatchObject({
      as_of: "2025-07-31",
      target: "",
      target_year: "",
      gap: "",
      status: "",
      age_months: "16",
      stale: "true",
    });
    expect(row.notes).toContain("52.15% for 2025");
  });

  it("takes max_age_months, and refuses one that is not a whole number of months", async () => {
    const { text } = await csv("regencies=16.10&asOf=2025-07-31&max_age_months=36");
    expect((parse(text, { columns: true }) as Record<string, string>[])[0]).toMatchObject({
      stale: "false",
      age_months: "21",
    });
    const { response, text: refusal } = await csv("regencies=16.10&max_age_months=-3");
    expect(response.status).toBe(400);
    expect(refusal).toContain("max_age_months=-3");
  });

  it("refuses a malformed province with a 400 saying what a code looks like", async () => {
    const { response, text } = await csv("province=Sumsel");
    expect(response.status).toBe(400);
    expect(text).toContain("province=Sumsel is not a province code");
  });
});

describe("GET /export/coverage.json, history and bearer tokens", () => {
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${stack.url.replace("/graphql", "")}/export/${path}`, { headers });

  it("answers the same columns as the CSV as JSON rows, null where unknown", async () => {
    const body = await (await get("coverage.json?province=16&asOf=2025-07-31")).json();
    expect(body).toMatchObject({ asOf: "2025-07-31", history: false, signedIn: false });
    expect(body.columns[0]).toBe("code");
    const muba = body.rows.find((r: { code: string }) => r.code === "16.06");
    expect(muba).toMatchObject({
      as_of: "2025-07-31",
      active_participants: 103079,
      workforce: 213582,
      gap: 8305,
      status: "ON_TRACK",
    });
    expect(body.rows.find((r: { code: string }) => r.code === "16.01")).toMatchObject({
      as_of: null,
      rate: null,
      gap: null,
    });
  });

  it("with history=true lists every report up to asOf, oldest first", async () => {
    const { text } = await csv("regencies=16.06&asOf=2025-07-31&history=true");
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.as_of, r.active_participants, r.figure_status])).toEqual([
      ["2024-01-01", "", "ESTIMATE"],
      ["2024-12-31", "88958", "REPORTED"],
      ["2025-07-31", "103079", "REPORTED"],
    ]);
  });

  it("adds the breakdown columns for a bearer token, and refuses a token that does not verify", async () => {
    const body = await (
      await get("coverage.json?regencies=16.10&asOf=2023-12-31", await bearer("planner"))
    ).json();
    expect(body.signedIn).toBe(true);
    expect(body.rows[0]).toMatchObject({
      persons_wage_earner: 30000,
      persons_village_official: 3716,
      persons_apbd: null,
    });
    const anonymous = await (await get("coverage.json?regencies=16.10&asOf=2023-12-31")).json();
    expect(anonymous.columns).not.toContain("persons_wage_earner");
    const forged = await get("coverage.csv?province=16", { authorization: "Bearer not.a.token" });
    expect(forged.status).toBe(401);
  });

  it("refuses history=yes saying what it takes", async () => {
    const response = await get("coverage.json?province=16&history=yes");
    expect(response.status).toBe(400);
    expect((await response.json()).errors[0].message).toContain("history=true");
  });
});
