import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { data, graphql } from "../../../test/support/graphql";
import { forwarded } from "../../../test/support/auth";
import { ownAwardsDatabase, startAwards, type TestSubgraph } from "../../../test/support/servers";

let awards: TestSubgraph;
let database: { url: string; drop(): Promise<void> };
let url: string;
beforeAll(async () => {
  database = await ownAwardsDatabase("mutations");
  awards = await startAwards(database.url);
  url = awards.server.url;
});
afterAll(async () => {
  await awards.server.stop();
  await database.drop();
});

const source = { publisher: "BPJS Ketenagakerjaan", title: "Pengumuman Paritrana Award 2025" };
const TABLES = [
  "award_edition",
  "edition_category",
  "award_category",
  "organisation",
  "nomination",
  "nomination_stage",
  "award_result",
  "source",
];

async function stored(): Promise<Record<string, number>> {
  const [row] = await awards.dataSource.query(
    `SELECT ${TABLES.map((t) => `(SELECT count(*) FROM ${t})::int AS ${t}`).join(", ")}`,
  );
  return row;
}

/** Runs a mutation that must be refused; answers its first error and whether anything was stored. */
async function refusal(mutation: string, input: Record<string, unknown>) {
  const before = await stored();
  const result = await graphql(url, mutation, { input }, await forwarded("admin"));
  return {
    error: result.errors?.[0],
    violations: result.errors?.[0]?.extensions?.violations as { field: string; rule: string }[],
    unchanged: JSON.stringify(await stored()) === JSON.stringify(before),
  };
}

const CREATE_EDITION = `mutation($input: AwardEditionInput!) { createAwardEdition(input: $input) { id level province { code } categories { code } } }`;
const CREATE_CATEGORY = `mutation($input: AwardCategoryInput!) { createAwardCategory(input: $input) { code } }`;
const NOMINATE = `mutation($input: NominationInput!) { nominate(input: $input) { id nominee { __typename ... on Organisation { name } ... on Regency { code } } } }`;
const SCHEDULE = `mutation($input: StageInput!) { scheduleStage(input: $input) { id stages { kind status scheduledAt completedAt } } }`;
const COMPLETE = `mutation($input: StageInput!) { completeStage(input: $input) { id stages { kind status scheduledAt completedAt } } }`;
const RESULT = `mutation($input: AwardResultInput!) { recordAwardResult(input: $input) { rank title } }`;

const edition2025 = {
  id: "paritrana-2025-sumsel",
  name: "Paritrana Award 2025, Provinsi Sumatera Selatan",
  level: "PROVINCIAL",
  provinceCode: "16",
  assessmentStart: "2025-02-01",
  assessmentEnd: "2025-05-31",
  ceremonyDate: "2025-06-20",
  categoryCodes: ["REGENCY_CITY_GOVERNMENT", "BUSINESS_FINANCE", "SUMSEL_2024_UNNAMED_5"],
  source,
};

describe("creating editions and categories", () => {
  it("creates a provincial edition with its categories", async () => {
    const { createAwardEdition } = await data(
      url,
      CREATE_EDITION,
      { input: edition2025 },
      await forwarded("admin"),
    );
    expect(createAwardEdition).toEqual({
      id: "paritrana-2025-sumsel",
      level: "PROVINCIAL",
      province: { code: "16" },
      categories: [
        { code: "REGENCY_CITY_GOVERNMENT" },
        { code: "BUSINESS_FINANCE" },
        { code: "SUMSEL_2024_UNNAMED_5" },
      ],
    });
  });

  it("refuses a provincial edition without a province, and stores nothing", async () => {
    const { error, unchanged } = await refusal(CREATE_EDITION, {
      ...edition2025,
      id: "x-1",
      provinceCode: null,
    });
    expect(error?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "provinceCode" });
    expect(unchanged).toBe(true);
  });

  it("refuses a national edition with a province", async () => {
    const { violations, unchanged } = await refusal(CREATE_EDITION, {
      ...edition2025,
      id: "x-2",
      level: "NATIONAL",
    });
    expect(violations).toContainEqual(
      expect.objectContaining({ field: "provinceCode", rule: "NONE_FOR_NATIONAL" }),
    );
    expect(unchanged).toBe(true);
  });

  it("refuses an assessment that ends before it starts", async () => {
    const { violations, unchanged } = await refusal(CREATE_EDITION, {
      ...edition2025,
      id: "x-3",
      assessmentEnd: "2025-01-01",
      ceremonyDate: null,
    });
    expect(violations).toEqual([expect.objectContaining({ field: "assessmentEnd", rule: "DATES_IN_ORDER" })]);
    expect(unchanged).toBe(true);
  });

  it("refuses a ceremony before the assessment ends", async () => {
    const { violations, unchanged } = await refusal(CREATE_EDITION, {
      ...edition2025,
      id: "x-4",
      ceremonyDate: "2025-03-01",
    });
    expect(violations).toEqual([expect.objectContaining({ field: "ceremonyDate", rule: "DATES_IN_ORDER" })]);
    expect(unchanged).toBe(true);
  });

  it("refuses an unknown category and an id that is taken", async () => {
    const { violations, unchanged } = await refusal(CREATE_EDITION, {
      ...edition2025,
      categoryCodes: ["NO_SUCH"],
    });
    expect(violations.map((v) => v.rule)).toEqual(["UNIQUE", "UNKNOWN_CATEGORY"]);
    expect(unchanged).toBe(true);
  });

  it("refuses an edition without a source", async () => {
    const { violations, unchanged } = await refusal(CREATE_EDITION, {
      ...edition2025,
      id: "x-5",
      source: null,
    });
    expect(violations).toEqual([expect.objectContaining({ field: "source", rule: "REQUIRED" })]);
    expect(unchanged).toBe(true);
  });

  it("creates a category, and refuses a malformed code and business fields on a government category", async () => {
    await data(
      url,
      CREATE_CATEGORY,
      {
        input: {
          code: "PROVINCE_GOVERNMENT",
          name: "Pemerintah Provinsi",
          nameEn: "Province government",
          nomineeKind: "PROVINCE_GOVERNMENT",
        },
      },
      await forwarded("admin"),
    );
    const { violations, unchanged } = await refusal(CREATE_CATEGORY, {
      code: "bad code",
      name: "X",
      nameEn: "X",
      nomineeKind: "REGENCY_GOVERNMENT",
      businessSize: "LARGE",
    });
    expect(violations.map((v) => v.rule)).toEqual(["FORMAT", "BUSINESS_ONLY"]);
    expect(unchanged).toBe(true);
  });
});

describe("nominations", () => {
  const nominate = (nominee: Record<string, unknown>, categoryCode = "REGENCY_CITY_GOVERNMENT") => ({
    editionId: "paritrana-2025-sumsel",
    categoryCode,
    nominee,
    source,
  });

  it("nominates a regency government in the regency/city category", async () => {
    const { nominate: nomination } = await data(
      url,
      NOMINATE,
      { input: nominate({ regencyCode: "16.10" }) },
      await forwarded("admin"),
    );
    expect(nomination.nominee).toEqual({ __typename: "Regency", code: "16.10" });
  });

  it("nominates a business in a business category", async () => {
    const { nominate: nomination } = await data(
      url,
      NOMINATE,
      {
        input: nominate(
          { organisation: { name: "Bank Sumsel Babel", kind: "BUSINESS", businessSector: "Keuangan" } },
          "BUSINESS_FINANCE",
        ),
      },
      await forwarded("admin"),
    );
    expect(nomination.nominee).toEqual({ __typename: "Organisation", name: "Bank Sumsel Babel" });
  });

  it("refuses a nominee of another kind than the category takes, and stores nothing", async () => {
    const { violations, unchanged } = await refusal(NOMINATE, nominate({ villageCode: "16.06.01.1009" }));
    expect(violations).toEqual([expect.objectContaining({ field: "nominee", rule: "KIND_OF_CATEGORY" })]);
    expect(unchanged).toBe(true);
  });

  it("refuses a region outside the province of a provincial edition", async () => {
    const { violations, unchanged } = await refusal(NOMINATE, nominate({ regencyCode: "11.01" }));
    expect(violations).toEqual([expect.objectContaining({ rule: "IN_EDITION_PROVINCE" })]);
    expect(unchanged).toBe(true);
  });

  it("refuses a category the edition does not have, and one the source did not name", async () => {
    const missing = await refusal(NOMINATE, nominate({ villageCode: "16.06.01.1009" }, "VILLAGE_GOVERNMENT"));
    expect(missing.violations).toEqual([expect.objectContaining({ rule: "CATEGORY_OF_EDITION" })]);
    const unnamed = await refusal(NOMINATE, nominate({ regencyCode: "16.06" }, "SUMSEL_2024_UNNAMED_5"));
    expect(unnamed.violations).toContainEqual(expect.objectContaining({ rule: "NAMED_CATEGORY" }));
    expect(missing.unchanged && unnamed.unchanged).toBe(true);
  });

  it("refuses the same nominee twice in one category of one edition", async () => {
    const { violations, unchanged } = await refusal(NOMINATE, nominate({ regencyCode: "16.10" }));
    expect(violations).toEqual([expect.objectContaining({ rule: "ONCE_PER_CATEGORY" })]);
    expect(unchanged).toBe(true);
  });

  it("refuses a nominee given two ways at once", async () => {
    const { violations, unchanged } = await refusal(
      NOMINATE,
      nominate({ regencyCode: "16.06", provinceCode: "16" }),
    );
    expect(violations).toContainEqual(expect.objectContaining({ field: "nominee", rule: "EXACTLY_ONE" }));
    expect(unchanged).toBe(true);
  });
});

describe("stages and results", () => {
  let nominationId: string;
  beforeAll(async () => {
    const { nominate } = await data(
      url,
      NOMINATE,
      {
        input: {
          editionId: "paritrana-2025-sumsel",
          categoryCode: "REGENCY_CITY_GOVERNMENT",
          nominee: { regencyCode: "16.06" },
          source,
        },
      },
      await forwarded("admin"),
    );
    nominationId = nominate.id;
  });

  it("schedules stages and completes them, in order", async () => {
    await data(
      url,
      SCHEDULE,
      { input: { nominationId, kind: "DATA_COLLECTION", date: "2025-02-01", source } },
      await forwarded("admin"),
    );
    await data(
      url,
      COMPLETE,
      { input: { nominationId, kind: "DATA_COLLECTION", date: "2025-02-20", source } },
      await forwarded("admin"),
    );
    const { scheduleStage } = await data(
      url,
      SCHEDULE,
      { input: { nominationId, kind: "INTERVIEW", date: "2025-03-10", source } },
      await forwarded("admin"),
    );
    expect(scheduleStage.stages).toEqual([
      { kind: "DATA_COLLECTION", status: "COMPLETED", scheduledAt: "2025-02-01", completedAt: "2025-02-20" },
      { kind: "INTERVIEW", status: "PLANNED", scheduledAt: "2025-03-10", completedAt: null },
    ]);
  });

  it("refuses a stage dated before a stage that precedes it, and stores nothing", async () => {
    const { violations, unchanged } = await refusal(SCHEDULE, {
      nominationId,
      kind: "DOCUMENT_VERIFICATION",
      date: "2025-02-10",
      source,
    });
    expect(violations).toEqual([expect.objectContaining({ field: "date", rule: "DATES_IN_ORDER" })]);
    expect(unchanged).toBe(true);
  });

  it("refuses a completion in the future", async () => {
    const { violations, unchanged } = await refusal(COMPLETE, {
      nominationId,
      kind: "ANNOUNCEMENT",
      date: "2099-01-01",
      source,
    });
    expect(violations).toContainEqual(expect.objectContaining({ rule: "NOT_IN_FUTURE" }));
    expect(unchanged).toBe(true);
  });

  it("records a result, and refuses a second nominee in the same place", async () => {
    const { recordAwardResult } = await data(
      url,
      RESULT,
      { input: { nominationId, rank: 1, title: "Juara I", source } },
      await forwarded("admin"),
    );
    expect(recordAwardResult).toEqual({ rank: 1, title: "Juara I" });
    const { nominate: other } = await data(
      url,
      NOMINATE,
      {
        input: {
          editionId: "paritrana-2025-sumsel",
          categoryCode: "REGENCY_CITY_GOVERNMENT",
          nominee: { regencyCode: "16.01" },
          source,
        },
      },
      await forwarded("admin"),
    );
    const { violations, unchanged } = await refusal(RESULT, {
      nominationId: other.id,
      rank: 1,
      title: "Juara I",
      source,
    });
    expect(violations).toEqual([expect.objectContaining({ field: "rank", rule: "ONE_PER_PLACE" })]);
    expect(unchanged).toBe(true);
  });

  it("refuses a rank below 1 and an unknown nomination", async () => {
    const { violations, unchanged } = await refusal(RESULT, {
      nominationId: "999999",
      rank: 0,
      title: "",
      source,
    });
    expect(violations.map((v) => v.rule)).toEqual(["UNKNOWN_NOMINATION", "POSITIVE", "REQUIRED"]);
    expect(unchanged).toBe(true);
  });
});
