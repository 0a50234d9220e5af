import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { data } from "../../../test/support/graphql";
import { startRegencies, type TestSubgraph } from "../../../test/support/servers";

let regencies: TestSubgraph;
let url: string;
beforeAll(async () => {
  regencies = await startRegencies();
  url = regencies.server.url;
});
afterAll(() => regencies.server.stop());

const SOURCE = "source { id publisher title publishedOn dateAsPrinted dateNote seedFile cites notes }";

describe("seed figures, each with its source", () => {
  it("gives Musi Banyuasin's 2025 workforce of 213,582 as reported by JPNN.com citing BPS 2025", async () => {
    const { regency } = await data(
      url,
      `{ regency(code: "16.06") { workforceEstimates { year persons status ${SOURCE} } } }`,
    );
    expect(regency.workforceEstimates).toHaveLength(1);
    const [estimate] = regency.workforceEstimates;
    expect(estimate).toMatchObject({ year: 2025, persons: 213582, status: "REPORTED" });
    expect(estimate.source).toMatchObject({
      publisher: "JPNN.com",
      publishedOn: "2025-09-18",
      seedFile: "003_c9fd771f1e448895.txt",
    });
    expect(estimate.source.cites).toContain("BPS");
  });

  it("applies the national 52.15% UCJ target for 2025 to a regency without a target of its own", async () => {
    for (const code of ["16.06", "11.01", "96.71"]) {
      const { regency } = await data(
        url,
        `query($code: ID!) { regency(code: $code) { coverageTargets { year rate scheme scope source { publisher } } } }`,
        { code },
      );
      expect(regency.coverageTargets, code).toEqual([
        { year: 2025, rate: 0.5215, scheme: "UCJ", scope: "NATIONAL", source: { publisher: "JPNN.com" } },
      ]);
    }
  });

  it("lists the region master among the sources, with the decree its package's references name", async () => {
    const { sources } = await data(url, `{ sources { id seedFile cites } }`);
    const master = sources.find((s: { id: string }) => s.id.startsWith("idn-area-data-"));
    expect(master).toMatchObject({
      seedFile: null,
      cites: expect.stringContaining("300.2.2-2L38 Tahun 2025"),
    });
  });

  it("records the misprinted date of seed 000 with the correction and the reason", async () => {
    const { sources } = await data(
      url,
      `{ sources { id publishedOn reportedOn dateAsPrinted dateNote seedFile publisher notes } }`,
    );
    const seed000 = sources.find((s: { seedFile: string }) => s.seedFile === "000_5810a5107e5135cb.txt");
    // The printed date is the audience's, not the publication's (issue 13): publishedOn is not shown.
    expect(seed000.publishedOn).toBeNull();
    expect(seed000.reportedOn).toBe("2024-02-05");
    expect(seed000.dateAsPrinted).toBe("Senin 5 Februari 2025");
    expect(seed000.dateNote).toContain("19 February 2024");
    expect(seed000.publisher).toBeNull();
    expect(seed000.notes.join(" ")).toContain("names no publisher");
  });

  it("describes every seed article as a source", async () => {
    const { sources } = await data(url, `{ sources { seedFile } }`);
    expect(
      sources
        .map((s: { seedFile: string | null }) => s.seedFile)
        .filter(Boolean)
        .sort(),
    ).toEqual([
      "000_5810a5107e5135cb.txt",
      "001_17b48849501ff260.txt",
      "002_06fed9a3d2c0ad85.txt",
      "003_c9fd771f1e448895.txt",
      "004_19ae97ed5e4c1f0a.txt",
    ]);
  });

  it("names the officials of Musi Banyuasin as the sources state them, with role and date", async () => {
    const { regency } = await data(
      url,
      `{ regency(code: "16.06") { officials { name role title reportedOn source { seedFile } } } }`,
    );
    const byTitle = Object.fromEntries(regency.officials.map((o: { title: string }) => [o.title, o]));
    expect(byTitle["Pj Bupati Musi Banyuasin"]).toMatchObject({
      name: "Apriyadi Mahmud",
      role: "ACTING_REGENT",
      reportedOn: "2024-02-05",
    });
    expect(byTitle["Sekda Muba"]).toMatchObject({
      name: "Apriyadi Mahmud",
      role: "REGIONAL_SECRETARY",
      reportedOn: null,
    });
    expect(byTitle["Bupati Musi Banyuasin"]).toMatchObject({
      name: "HM Toha Tohet SH",
      role: "REGENT",
      reportedOn: "2025-09-18",
    });
    expect(byTitle["Kepala Dinas Ketenagakerjaan Muba"]).toMatchObject({
      name: "Herryandi Sinulingga",
      role: "LABOUR_OFFICE_HEAD",
    });
    expect(byTitle["Asisten I Pemerintahan dan Kesra Setkab Muba"]).toMatchObject({ role: "ASSISTANT" });
  });

  it("records Ogan Ilir's MoU with the Palembang branch, October 2023, and the branch's head", async () => {
    const { regency } = await data(
      url,
      `{ regency(code: "16.10") { agreements { kind parties signedOn reportedOn followUp note branchOffice { name officials { name role reportedOn } } source { publisher seedFile } } branchOffices { id } } }`,
    );
    expect(regency.agreements).toHaveLength(1);
    const [mou] = regency.agreements;
    expect(mou).toMatchObject({
      kind: "MOU",
      signedOn: null,
      reportedOn: "2023-10-13",
      source: { seedFile: "004_19ae97ed5e4c1f0a.txt" },
    });
    expect(mou.branchOffice.name).toBe("BPJS Ketenagakerjaan Kantor Cabang Palembang");
    expect(mou.branchOffice.officials).toEqual([
      { name: "Moch Faisal", role: "BRANCH_HEAD", reportedOn: "2023-10-13" },
    ]);
    expect(mou.followUp).toContain("Perjanjian Kerja Sama");
    expect(regency.branchOffices).toEqual([{ id: "bpjstk-cabang-palembang" }]);
  });

  it("lists the BPJS Ketenagakerjaan branch offices the seeds name, with the regencies they connect them to", async () => {
    const { branchOffices } = await data(
      url,
      `{ branchOffices { id regencies { regency { code } basis } officials { name } } }`,
    );
    expect(branchOffices.map((b: { id: string }) => b.id)).toEqual([
      "bpjstk-cabang-muara-enim",
      "bpjstk-cabang-musi-banyuasin",
      "bpjstk-cabang-palembang",
    ]);
    const muba = branchOffices.find((b: { id: string }) => b.id === "bpjstk-cabang-musi-banyuasin");
    expect(muba.regencies[0].regency.code).toBe("16.06");
    expect(muba.officials).toEqual([{ name: "R Chandra Budiman" }]);
  });

  it("keeps the province's acting governor on the province", async () => {
    const { officials } = await data(url, `{ officials { name role province { code } regency { code } } }`);
    expect(officials).toContainEqual({
      name: "Agus Fatoni",
      role: "ACTING_GOVERNOR",
      province: { code: "16" },
      regency: null,
    });
  });
});
