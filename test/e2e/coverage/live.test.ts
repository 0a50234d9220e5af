import { describe, expect, it } from "vitest";
import { bearer } from "../../support/auth";
import { data } from "../../support/graphql";
import { useTestStack } from "../../support/servers";

const stack = useTestStack({ ownParticipantsDatabase: "live" });

describe("a recorded report through the gateway", () => {
  it("is the coverage of the next query, with the regencies subgraph's workforce as denominator", async () => {
    const input = {
      regencyCode: "16.06",
      asOf: "2025-08-31",
      asOfPrecision: "MONTH",
      activeParticipants: 106000,
      source: { publisher: "BPJS Ketenagakerjaan Cabang Musi Banyuasin", title: "Laporan Agustus 2025" },
    };
    await data(
      stack.gateway.url,
      `mutation($input: CoverageReportInput!) { recordCoverageReport(input: $input) { id } }`,
      { input },
      await bearer("operator", ["16.06"]),
    );
    const { regency } = await data(
      stack.gateway.url,
      `{ regency(code: "16.06") { name coverage(asOf: "2025-09-30") { asOf activeParticipants workforce gap status sources { publisher } } } }`,
    );
    expect(regency.coverage).toMatchObject({
      asOf: "2025-08-31",
      activeParticipants: 106000,
      workforce: 213582,
      gap: 111384 - 106000,
    });
    expect(regency.coverage.sources.map((s: { publisher: string }) => s.publisher)).toEqual([
      "BPJS Ketenagakerjaan Cabang Musi Banyuasin",
      "JPNN.com",
    ]);
  });

  it("keeps a second source's report of the same date, uses the stated one over the estimate, and shows the other", async () => {
    const record = async (input: Record<string, unknown>) =>
      data(
        stack.gateway.url,
        `mutation($input: CoverageReportInput!) { recordCoverageReport(input: $input) { id } }`,
        { input },
        await bearer("admin"),
      );
    await record({
      regencyCode: "16.03",
      asOf: "2025-06-30",
      activeParticipants: 70000,
      status: "REPORTED",
      source: { publisher: "BPJS Ketenagakerjaan Cabang Muara Enim", title: "Laporan Juni 2025" },
    });
    await record({
      regencyCode: "16.03",
      asOf: "2025-06-30",
      activeParticipants: 72000,
      status: "ESTIMATE",
      source: { publisher: "Koran daerah", title: "Sekitar 72 ribu pekerja terlindungi" },
    });
    const { regency } = await data(
      stack.gateway.url,
      `{ regency(code: "16.03") { coverage(asOf: "2025-06-30") { activeParticipants report { status source { publisher } } alternatives { activeParticipants status source { publisher } } } } }`,
    );
    expect(regency.coverage.activeParticipants).toBe(70000);
    expect(regency.coverage.report).toEqual({
      status: "REPORTED",
      source: { publisher: "BPJS Ketenagakerjaan Cabang Muara Enim" },
    });
    expect(regency.coverage.alternatives).toEqual([
      { activeParticipants: 72000, status: "ESTIMATE", source: { publisher: "Koran daerah" } },
    ]);
  });
});
