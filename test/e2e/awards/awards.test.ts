import { describe, expect, it } from "vitest";
import { data } from "../../support/graphql";
import { useTestStack } from "../../support/servers";

const stack = useTestStack();

describe("the Paritrana Award through the gateway", () => {
  it("gives Musi Banyuasin first place at provincial level in province 16, and its interview on 2024-02-19", async () => {
    const { regency } = await data(
      stack.url,
      `{ regency(code:"16.06") { awards { rank title edition { level province { code } } category { name } } nominations { stages { kind scheduledAt } } } }`,
    );
    expect(regency.awards).toEqual([
      {
        rank: 1,
        title: "Juara I",
        edition: { level: "PROVINCIAL", province: { code: "16" } },
        category: { name: "Pemerintah Kabupaten/Kota" },
      },
    ]);
    const stages = regency.nominations.flatMap((n: { stages: unknown[] }) => n.stages);
    expect(stages).toContainEqual({ kind: "INTERVIEW", scheduledAt: "2024-02-19" });
  });

  it("keeps each fact with its source: the result from ANTARA, the interview from seed 000 with its corrected date", async () => {
    const { regency } = await data(
      stack.url,
      `{ regency(code:"16.06") { awards { source { publisher } edition { pressLabel } } nominations { edition { id } stages { kind status reportedOn inferred source { publishedOn reportedOn dateAsPrinted } } } } }`,
    );
    expect(regency.awards[0]).toEqual({
      source: { publisher: "ANTARA" },
      edition: { pressLabel: "Paritrana Award 2023" },
    });
    const interview = regency.nominations
      .flatMap((n: { stages: { kind: string }[] }) => n.stages)
      .find((s: { kind: string }) => s.kind === "INTERVIEW");
    expect(interview).toMatchObject({
      status: "PLANNED",
      reportedOn: "2024-02-05",
      inferred: true,
      source: { publishedOn: null, reportedOn: "2024-02-05", dateAsPrinted: "Senin 5 Februari 2025" },
    });
  });

  it("lists the 8 categories of South Sumatra's 2024 edition, four of them named", async () => {
    const { awardEditions } = await data(
      stack.url,
      `{ awardEditions(provinceCode: "16", year: 2024) { id categories { code name nameEn namedBySource nomineeKind } } }`,
    );
    const edition = awardEditions.find((e: { id: string }) => e.id === "paritrana-2024-sumsel");
    expect(edition.categories).toHaveLength(8);
    expect(
      edition.categories
        .filter((c: { namedBySource: boolean }) => c.namedBySource)
        .map((c: { name: string }) => c.name),
    ).toEqual([
      "Pemerintah Kabupaten/Kota",
      "Badan Usaha Sektor Keuangan",
      "Badan Usaha Sektor Perdagangan dan Jasa",
      "Pemerintah Desa/Kelurahan",
    ]);
    for (const unnamed of edition.categories.filter((c: { namedBySource: boolean }) => !c.namedBySource)) {
      expect(unnamed.nameEn).toMatch(/not named by the source/);
      expect(unnamed.nomineeKind).toBeNull();
    }
  });

  it("records that the '2023' and '2024' provincial rounds may be one round, without deciding it", async () => {
    const { awardEdition } = await data(
      stack.url,
      `{ awardEdition(id: "paritrana-2023-sumsel") { sameRound { assessment note other { id } } } }`,
    );
    expect(awardEdition.sameRound).toContainEqual(
      expect.objectContaining({ assessment: "POSSIBLY_SAME", other: { id: "paritrana-2024-sumsel" } }),
    );
    expect(
      awardEdition.sameRound.every((link: { assessment: string }) => link.assessment === "POSSIBLY_SAME"),
    ).toBe(true);
  });

  it("finds editions by a year in their press label", async () => {
    const { awardEditions } = await data(stack.url, `{ awardEditions(year: 2023) { id } }`);
    expect(awardEditions).toEqual([{ id: "paritrana-2023-sumsel" }]);
  });

  it("resolves a nominee across subgraphs: the regency's name comes from the regencies subgraph", async () => {
    const { awardEdition } = await data(
      stack.url,
      `{ awardEdition(id: "paritrana-2023-sumsel") { nominations { nominee { __typename ... on Regency { code name } } result { title } } } }`,
    );
    expect(awardEdition.nominations).toEqual([
      {
        nominee: { __typename: "Regency", code: "16.06", name: "Kabupaten Musi Banyuasin" },
        result: { title: "Juara I" },
      },
    ]);
  });

  it("loads the awards of all regencies of a province with a bounded number of statements, the same for 1 as for 17", async () => {
    const query = (province: string) =>
      `{ regencies(${province}) { code awards { rank title edition { name } category { name } source { publisher } } nominations { stages { kind } } } }`;
    const { awards } = stack.subgraphs;
    awards.sql.reset();
    const one = await data(stack.url, query(`search: "muba"`));
    const forOne = awards.sql.count;
    awards.sql.reset();
    const all = await data(stack.url, query(`provinceCode: "16"`));
    expect(all.regencies).toHaveLength(17);
    expect(awards.sql.count).toBe(forOne);
    // nominations, results, stages, editions, categories, sources
    expect(awards.sql.count).toBeLessThanOrEqual(6);
    expect(one.regencies[0].awards).toHaveLength(1);
  });
});
