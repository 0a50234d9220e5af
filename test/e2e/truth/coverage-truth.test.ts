import { describe, expect, it } from "vitest";
import { bearer } from "../../support/auth";
import { data, graphql } from "../../support/graphql";
import { useTestStack } from "../../support/servers";

const stack = useTestStack();

const REGENCY = `query($code: ID!, $asOf: Date, $maxAgeMonths: Int) { regency(code: $code) {
  coverage(asOf: $asOf, maxAgeMonths: $maxAgeMonths) {
    asOf questionDate ageMonths maxAgeMonths stale activeParticipants activeParticipantsStatus measure measureAsPrinted
    inferred inference workforce rate target targetYear gap requiredMonthlyPace observedMonthlyPace status notes
    discrepancies { field claimed computed }
  } } }`;

const PROVINCE = `query($asOf: Date, $maxAgeMonths: Int) { province(code: "16") { coverage(asOf: $asOf, maxAgeMonths: $maxAgeMonths) {
  asOf maxAgeMonths regencyCount reportingCount activeParticipants activeParticipantsStatus measures ratedActiveParticipants
  workforce rate rateRegencyCount oldestReportAsOf newestReportAsOf notes
  reporting { code } missing { code }
  stale { regency { code name } reportAsOf ageMonths activeParticipants activeParticipantsStatus measure }
} } }`;

const coverageAt = async (code: string, asOf: string, maxAgeMonths?: number) =>
  (await data(stack.url, REGENCY, { code, asOf, maxAgeMonths })).regency.coverage;

describe("freshness: a report older than maxAgeMonths is stale", () => {
  it("answers the July 2025 report at 2026-11-30 as 16 months old and stale, with no status", async () => {
    const coverage = await coverageAt("16.06", "2026-11-30");
    expect(coverage).toMatchObject({
      asOf: "2025-07-31",
      questionDate: "2026-11-30",
      ageMonths: 16,
      maxAgeMonths: 12,
      stale: true,
      status: null,
    });
    expect(coverage.notes.join(" ")).toContain("16 months old at 2026-11-30");
  });

  it("still answers a stale report's own figures", async () => {
    const coverage = await coverageAt("16.06", "2026-11-30");
    expect(coverage).toMatchObject({ activeParticipants: 103079, workforce: 213582 });
    expect(coverage.rate).toBeCloseTo(0.4826, 4);
  });

  it("is not stale within maxAgeMonths, and a wider maxAgeMonths makes an old report fresh", async () => {
    expect(await coverageAt("16.06", "2025-07-31")).toMatchObject({ ageMonths: 0, stale: false });
    expect(await coverageAt("16.10", "2025-07-31", 36)).toMatchObject({ ageMonths: 21, stale: false });
  });

  it("refuses a negative maxAgeMonths with BAD_USER_INPUT", async () => {
    const result = await graphql(stack.url, REGENCY, { code: "16.06", asOf: "2025-07-31", maxAgeMonths: -1 });
    expect(result.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "maxAgeMonths" });
  });
});

describe("targets follow the question date, not the report", () => {
  it("has no target, gap or status in a year without a target, and names the last known one", async () => {
    const coverage = await coverageAt("16.06", "2026-11-30");
    expect(coverage).toMatchObject({
      target: null,
      targetYear: null,
      gap: null,
      requiredMonthlyPace: null,
      status: null,
    });
    expect(coverage.notes.join(" ")).toContain("52.15% for 2025");
  });

  it("counts the months left after the question date's month, not the report's", async () => {
    const coverage = await coverageAt("16.06", "2025-09-30");
    expect(coverage).toMatchObject({
      asOf: "2025-07-31",
      target: 0.5215,
      gap: 8305,
      requiredMonthlyPace: Math.ceil(8305 / 3),
    });
    expect(coverage.status).toBe("BEHIND");
  });

  it("is MISSED, never ON_TRACK, when the target year ended with a gap", async () => {
    const coverage = await coverageAt("16.06", "2025-12-31");
    expect(coverage).toMatchObject({
      targetYear: 2025,
      gap: 8305,
      requiredMonthlyPace: null,
      status: "MISSED",
    });
    expect(coverage.notes.join(" ")).toContain("target year is over");
  });

  it("leaves the December 2024 report without a target: 2024 has none, and the next known is named", async () => {
    const coverage = await coverageAt("16.06", "2024-12-31");
    expect(coverage).toMatchObject({ activeParticipants: 88958, target: null, gap: null, status: null });
    expect(coverage.notes.join(" ")).toContain("next known target is 52.15% for 2025");
  });
});

describe("at July 2025 Musi Banyuasin reads as the article does", () => {
  it("keeps 103,079, 48.26%, the 52.15% target, a gap of 8,305 and the claimed 21,311 flagged", async () => {
    const coverage = await coverageAt("16.06", "2025-07-31");
    expect(coverage).toMatchObject({
      activeParticipants: 103079,
      workforce: 213582,
      target: 0.5215,
      gap: 8305,
      requiredMonthlyPace: 1661,
      status: "ON_TRACK",
      stale: false,
    });
    expect(coverage.rate).toBeCloseTo(0.4826, 4);
    expect(coverage.discrepancies).toContainEqual({ field: "gap", claimed: 21311, computed: 8305 });
  });
});

describe("measures: what a report counts, as the source prints it", () => {
  it("marks July 2025 REGISTERED ('pekerja terdaftar') and December 2024 ACTIVE ('tenaga kerja aktif')", async () => {
    const { regency } = await data(
      stack.url,
      `{ regency(code: "16.06") { coverageHistory { asOf measure measureAsPrinted } } }`,
    );
    expect(regency.coverageHistory).toEqual([
      {
        asOf: "2024-01-01",
        measure: "REGISTERED",
        measureAsPrinted: "menjangkau ... pekerja rentan di dalam BPJS Ketenagakerjaan",
      },
      { asOf: "2024-12-31", measure: "ACTIVE", measureAsPrinted: "tenaga kerja aktif" },
      { asOf: "2025-07-31", measure: "REGISTERED", measureAsPrinted: "pekerja terdaftar" },
    ]);
  });

  it("keeps the source's comparison of the two measures, and says so in notes", async () => {
    const coverage = await coverageAt("16.06", "2025-07-31");
    expect(coverage).toMatchObject({ measure: "REGISTERED", measureAsPrinted: "pekerja terdaftar" });
    const notes = coverage.notes.join(" ");
    expect(notes).toContain("registered workers ('pekerja terdaftar')");
    expect(notes).toContain(
      "88,958 active participants ('tenaga kerja aktif') at 2024-12-31 with 103,079 registered workers",
    );
    expect(notes).toContain("as the source itself compares them");
  });
});

describe("province rollup: only comparable parts are summed", () => {
  it("counts Musi Banyuasin only at 2025-07-31 and lists Ogan Ilir's 2023 report as stale", async () => {
    const { coverage } = (await data(stack.url, PROVINCE, { asOf: "2025-07-31" })).province;
    expect(coverage).toMatchObject({
      reportingCount: 1,
      activeParticipants: 103079,
      ratedActiveParticipants: 103079,
      workforce: 213582,
      rateRegencyCount: 1,
      oldestReportAsOf: "2025-07-31",
      newestReportAsOf: "2025-07-31",
      activeParticipantsStatus: "COMPUTED",
      measures: ["REGISTERED"],
    });
    expect(coverage.rate).toBeCloseTo(0.4826, 4);
    expect(coverage.reporting).toEqual([{ code: "16.06" }]);
    expect(coverage.stale).toEqual([
      {
        regency: { code: "16.10", name: "Kabupaten Ogan Ilir" },
        reportAsOf: "2023-10-13",
        ageMonths: 21,
        activeParticipants: 35000,
        activeParticipantsStatus: "ESTIMATE",
        measure: "ACTIVE",
      },
    ]);
    expect(coverage.missing.map((r: { code: string }) => r.code)).not.toContain("16.10");
    expect(coverage.notes.join(" ")).toContain(
      "16.10: its last report (2023-10-13, 35,000) is 21 months old",
    );
  });

  it("with maxAgeMonths 36 counts 138,079 and keeps rate exactly ratedActiveParticipants / workforce", async () => {
    const { coverage } = (await data(stack.url, PROVINCE, { asOf: "2025-07-31", maxAgeMonths: 36 })).province;
    expect(coverage).toMatchObject({
      reportingCount: 2,
      activeParticipants: 138079,
      ratedActiveParticipants: 103079,
      workforce: 213582,
      stale: [],
      oldestReportAsOf: "2023-10-13",
      newestReportAsOf: "2025-07-31",
      activeParticipantsStatus: "ESTIMATE",
      measures: ["ACTIVE", "REGISTERED"],
    });
    expect(coverage.rate).toBe(coverage.ratedActiveParticipants / coverage.workforce);
    const notes = coverage.notes.join(" ");
    expect(notes).toContain("No workforce estimate for 16.10");
    expect(notes).toContain("mix measures");
    expect(notes).toContain("Estimates are counted: 16.10 (35,000)");
  });
});

describe("inferences are marked, with what was assumed from which words", () => {
  it("marks the APBD funding of the 11,000 vulnerable workers ('ditanggung Pemkab') inferred", async () => {
    const { regency } = await data(
      stack.url,
      `{ regency(code: "16.06") { coverageHistory(to: "2024-01-01") { inferred inference segments { category inferred inference } } } }`,
      {},
      await bearer("planner"),
    );
    const [partial] = regency.coverageHistory;
    const apbd = partial.segments.find((s: { category: string }) => s.category === "APBD");
    expect(apbd.inferred).toBe(true);
    expect(apbd.inference).toContain("ditanggung Pemkab");
    expect(
      partial.segments.find((s: { category: string }) => s.category === "VULNERABLE_WORKER"),
    ).toMatchObject({ inferred: false, inference: null });
  });

  it("marks the date 2024-01-01 standing for the undated 11,000 inferred", async () => {
    const { regency } = await data(
      stack.url,
      `{ regency(code: "16.06") { coverageHistory(to: "2024-01-01") { asOf inferred inference } } }`,
    );
    expect(regency.coverageHistory[0]).toMatchObject({ asOf: "2024-01-01", inferred: true });
    expect(regency.coverageHistory[0].inference).toContain("pada 2024 ini");
  });

  it("marks Ogan Ilir's report inferred: the year of 'Jumat (13/10)' and the measure of 'sudah terlindungi'", async () => {
    const coverage = await coverageAt("16.10", "2023-12-31");
    expect(coverage.inferred).toBe(true);
    expect(coverage.inference).toContain("Jumat (13/10)");
    expect(coverage.inference).toContain("sudah terlindungi");
  });

  it("marks the category of the 2023 Juara I inferred", async () => {
    const { regency } = await data(
      stack.url,
      `{ regency(code: "16.06") { awards { title inferred inference category { code } edition { id } } } }`,
    );
    const juara = regency.awards.find(
      (a: { edition: { id: string } }) => a.edition.id === "paritrana-2023-sumsel",
    );
    expect(juara).toMatchObject({
      title: "Juara I",
      inferred: true,
      category: { code: "REGENCY_CITY_GOVERNMENT" },
    });
    expect(juara.inference).toContain("ANTARA names none");
  });

  it("marks the Palembang branch office's link to Ogan Ilir inferred, and not its whole area", async () => {
    const { branchOffices } = await data(
      stack.url,
      `{ branchOffices { id regencies { regency { code } inferred inference } } }`,
    );
    const palembang = branchOffices.find((b: { id: string }) => b.id === "bpjstk-cabang-palembang");
    expect(palembang.regencies).toHaveLength(1);
    expect(palembang.regencies[0]).toMatchObject({ regency: { code: "16.10" }, inferred: true });
    expect(palembang.regencies[0].inference).toContain("Nor is Ogan Ilir all it serves");
  });

  it("marks the target's scheme UCJ inferred: the article says only 'target nasional'", async () => {
    const { regency } = await data(
      stack.url,
      `{ regency(code: "16.06") { coverageTargets { scheme rate inferred inference } } }`,
    );
    expect(regency.coverageTargets).toEqual([
      expect.objectContaining({
        scheme: "UCJ",
        rate: 0.5215,
        inferred: true,
        inference: expect.stringContaining("target nasional"),
      }),
    ]);
  });
});

describe("sources: publication apart from the event reported", () => {
  const SOURCES = `{ sources { id publishedOn reportedOn dateAsPrinted dateNote inferred inference } }`;
  const byId = async () =>
    new Map((await data(stack.url, SOURCES)).sources.map((s: { id: string }) => [s.id, s]));

  it("leaves seed 000's publication date null and keeps the corrected event date apart, inferred", async () => {
    expect((await byId()).get("seed-000-muba-paritrana-interview")).toMatchObject({
      publishedOn: null,
      reportedOn: "2024-02-05",
      dateAsPrinted: "Senin 5 Februari 2025",
      inferred: true,
    });
  });

  it("dates seed 003's publication from its header and its statement 'Kamis (18/9)' the same day", async () => {
    expect((await byId()).get("seed-003-jpnn-muba-coverage-2025")).toMatchObject({
      publishedOn: "2025-09-18",
      reportedOn: "2025-09-18",
      inferred: false,
    });
  });

  it("says seed 004's year is assumed: 'Jumat (13/10)' prints none", async () => {
    const source = (await byId()).get("seed-004-mediaindonesia-ogan-ilir-mou") as { inference: string };
    expect(source).toMatchObject({
      publishedOn: null,
      reportedOn: "2023-10-13",
      dateAsPrinted: "Jumat (13/10)",
      inferred: true,
    });
    expect(source.inference).toContain("2006, 2017, 2023 and 2028");
  });

  it("answers the region master's own source: package, version and the decree its references name", async () => {
    const { regency } = await data(
      stack.url,
      `{ regency(code: "16.06") { source { id publisher cites notes } } }`,
    );
    expect(regency.source.id).toMatch(/^idn-area-data-/);
    expect(regency.source.cites).toContain("Keputusan Menteri Dalam Negeri Nomor 300.2.2-2L38 Tahun 2025");
    expect(regency.source.notes.join(" ")).toContain("REF-2025-1");
  });
});

describe("rules of the world are data with a source, or documented assumptions", () => {
  it("answers the minimum BPU contribution and the target scheme as configurable assumptions", async () => {
    const { participantRules } = await data(
      stack.url,
      `{ participantRules { key value unit assumption configuredBy overridden note source { id } } }`,
    );
    expect(participantRules).toEqual([
      expect.objectContaining({
        key: "MINIMUM_BPU_CONTRIBUTION",
        value: "16800",
        assumption: true,
        configuredBy: "RULE_MINIMUM_BPU_CONTRIBUTION",
        source: null,
      }),
      expect.objectContaining({
        key: "COVERAGE_TARGET_SCHEME",
        value: "UCJ",
        assumption: true,
        configuredBy: "RULE_COVERAGE_TARGET_SCHEME",
        source: null,
      }),
    ]);
  });
});

describe("people and levels", () => {
  it("gives Apriyadi Mahmud's offices as a timeline: Sekda Muba in 2024, Pj Bupati on 5 February 2024", async () => {
    const { regency } = await data(
      stack.url,
      `{ regency(code: "16.06") { officials { personId name roles { title role from until year termKnown inferred source { id } } } } }`,
    );
    const apriyadi = regency.officials.find((o: { personId: string }) => o.personId === "apriyadi-mahmud");
    expect(apriyadi.roles).toEqual([
      {
        title: "Sekda Muba",
        role: "REGIONAL_SECRETARY",
        from: null,
        until: null,
        year: 2024,
        termKnown: false,
        inferred: false,
        source: { id: "seed-001-antara-muba-pekerja-rentan" },
      },
      {
        title: "Pj Bupati Musi Banyuasin",
        role: "ACTING_REGENT",
        from: "2024-02-05",
        until: "2024-02-05",
        year: 2024,
        termKnown: false,
        inferred: true,
        source: { id: "seed-000-muba-paritrana-interview" },
      },
    ]);
  });

  it("states who confers each edition at its level: the provincial government, and the President nationally", async () => {
    const { awardEditions, awardGivers } = await data(
      stack.url,
      `{ awardEditions(provinceCode: "16") { id conferredBy { level conferredBy inferred inference source { id } } }
         awardGivers { level conferredBy organisedBy source { id } } }`,
    );
    const byId = new Map(awardEditions.map((e: { id: string }) => [e.id, e]));
    expect(byId.get("paritrana-2024-sumsel")).toMatchObject({
      conferredBy: {
        level: "PROVINCIAL",
        conferredBy: expect.stringContaining("Pemerintah Provinsi Sumatera Selatan"),
        inferred: false,
      },
    });
    expect(byId.get("paritrana-2023-sumsel")).toMatchObject({
      conferredBy: { level: "PROVINCIAL", inferred: true },
    });
    expect(awardGivers).toEqual([
      {
        level: "NATIONAL",
        conferredBy: "Presiden Republik Indonesia",
        organisedBy: "BPJS Ketenagakerjaan",
        source: { id: "seed-002-koranenimekspres-paritrana-2024" },
      },
      {
        level: "PROVINCIAL",
        conferredBy: "Pemerintah provinsi (Pemprov)",
        organisedBy: "BPJS Ketenagakerjaan",
        source: { id: "seed-002-koranenimekspres-paritrana-2024" },
      },
    ]);
  });
});
