import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { data, graphql } from "../../../test/support/graphql";
import { startRegencies, type TestSubgraph } from "../../../test/support/servers";

let regencies: TestSubgraph;
let url: string;
beforeAll(async () => {
  regencies = await startRegencies();
  url = regencies.server.url;
});
afterAll(() => regencies.server.stop());

describe("the region master", () => {
  it("has the 38 provinces of Indonesia", async () => {
    const { provinces } = await data(url, "{ provinces { code name } }");
    expect(provinces).toHaveLength(38);
    expect(provinces).toContainEqual({ code: "16", name: "Sumatera Selatan" });
  });

  it("has 514 regencies and cities when no argument narrows them", async () => {
    const { regencies } = await data(url, "{ regencies { code } }");
    expect(regencies).toHaveLength(514);
  });

  it("lists the 17 regencies and cities of South Sumatra for provinceCode 16", async () => {
    const { regencies } = await data(url, `{ regencies(provinceCode: "16") { code kind } }`);
    expect(regencies).toHaveLength(17);
    expect(
      regencies.filter((r: { kind: string }) => r.kind === "KOTA").map((r: { code: string }) => r.code),
    ).toEqual(["16.71", "16.72", "16.73", "16.74"]);
  });

  it("describes Musi Banyuasin by code, with official and short name, kind and province", async () => {
    const { regency } = await data(
      url,
      `{ regency(code: "16.06") { code name shortName kind province { code name } } }`,
    );
    expect(regency).toEqual({
      code: "16.06",
      name: "Kabupaten Musi Banyuasin",
      shortName: "Musi Banyuasin",
      kind: "KABUPATEN",
      province: { code: "16", name: "Sumatera Selatan" },
    });
  });

  it("answers null for a well-formed code that names no regency", async () => {
    const result = await graphql(
      url,
      `
        {
          regency(code: "99.99") {
            name
          }
        }
      `,
    );
    expect(result).toEqual({ data: { regency: null } });
  });

  it.each(["16-06", "abc", "1606", "16.6"])(
    "refuses the malformed code %j with BAD_USER_INPUT showing a well-formed one",
    async (code) => {
      const result = await graphql(
        url,
        `
          query ($code: ID!) {
            regency(code: $code) {
              name
            }
          }
        `,
        { code },
      );
      expect(result.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
      expect(result.errors?.[0].message).toContain(`"${code}" is not a regency code`);
      expect(result.errors?.[0].message).toContain('like "16.06"');
    },
  );

  it("refuses a malformed province code in the regencies filter", async () => {
    const result = await graphql(
      url,
      `
        {
          regencies(provinceCode: "Sumsel") {
            code
          }
        }
      `,
    );
    expect(result.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "provinceCode" });
  });

  it("lists the districts of a regency in code order", async () => {
    const { regency } = await data(url, `{ regency(code: "16.06") { districts { code name } } }`);
    const codes = regency.districts.map((d: { code: string }) => d.code);
    expect(codes.length).toBeGreaterThan(10);
    expect(codes).toEqual([...codes].sort());
    expect(regency.districts).toContainEqual({ code: "16.06.01", name: "Sekayu" });
  });

  it("finds a district and a village by code, and each knows its parent", async () => {
    const { district, village } = await data(
      url,
      `{ district(code: "16.06.01") { name regency { code } } village(code: "16.06.01.1009") { name district { code } } }`,
    );
    expect(district).toEqual({ name: "Sekayu", regency: { code: "16.06" } });
    expect(village).toEqual({ name: "Kayu Ara", district: { code: "16.06.01" } });
  });
});

describe("search by name or alias", () => {
  it('finds Musi Banyuasin for "muba", case-insensitively', async () => {
    for (const search of ["muba", "MUBA", " Muba "]) {
      const { regencies } = await data(url, `query($s: String) { regencies(search: $s) { code } }`, {
        s: search,
      });
      expect(regencies).toEqual([{ code: "16.06" }]);
    }
  });

  it("finds by part of the name and puts an exact alias first", async () => {
    const { regencies } = await data(url, `{ regencies(search: "oku") { code } }`);
    expect(regencies.map((r: { code: string }) => r.code)).toEqual(["16.01", "16.08", "16.09"]);
  });

  it('ignores a "Kabupaten"/"Kab."/"Pemkab" prefix', async () => {
    for (const search of ["Kabupaten Ogan Ilir", "Kab. Ogan Ilir", "Pemkab Ogan Ilir"]) {
      const { regencies } = await data(url, `query($s: String) { regencies(search: $s) { code } }`, {
        s: search,
      });
      expect(regencies).toEqual([{ code: "16.10" }]);
    }
  });

  it("folds hyphens, spacing and diacritics as the region resolver does: Toli-Toli, toli toli", async () => {
    for (const search of ["Toli-Toli", "toli toli", "Kab. TOLI-toli", "Tolí Tolí"]) {
      const { regencies } = await data(url, `query($s: String) { regencies(search: $s) { code } }`, {
        s: search,
      });
      expect(regencies, search).toEqual([{ code: "72.04" }]);
    }
  });

  it("treats LIKE wildcards in the search as plain characters", async () => {
    const { regencies } = await data(url, `{ regencies(search: "%") { code } }`);
    expect(regencies).toEqual([]);
  });

  it("refuses an empty search", async () => {
    const result = await graphql(
      url,
      `
        {
          regencies(search: "  ") {
            code
          }
        }
      `,
    );
    expect(result.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "search" });
  });

  it("gives every regency and city of South Sumatra at least one alias with its rationale", async () => {
    const { regencies } = await data(
      url,
      `{ regencies(provinceCode: "16") { code aliases aliasDetails { alias rationale } } }`,
    );
    for (const regency of regencies) {
      expect(regency.aliases.length, regency.code).toBeGreaterThan(0);
      for (const detail of regency.aliasDetails) expect(detail.rationale.length).toBeGreaterThan(10);
    }
    const aliases = Object.fromEntries(
      regencies.map((r: { code: string; aliases: string[] }) => [r.code, r.aliases]),
    );
    expect(aliases["16.06"]).toContain("Muba");
    expect(aliases["16.02"]).toContain("OKI");
    expect(aliases["16.08"]).toContain("OKU Timur");
    expect(aliases["16.09"]).toContain("OKU Selatan");
    expect(aliases["16.12"]).toContain("PALI");
    expect(aliases["16.13"]).toContain("Muratara");
  });
});

describe("villages, a page at a time", () => {
  const PAGE = `query($code: ID!, $first: Int!, $after: String) {
    district(code: $code) { villages(first: $first, after: $after) { totalCount nodes { code } pageInfo { hasNextPage endCursor } } }
  }`;

  it("walks every village of a district exactly once, in code order", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let totalCount = 0;
    for (let page = 0; page < 20; page++) {
      const { district } = await data(url, PAGE, { code: "16.06.01", first: 4, after });
      totalCount = district.villages.totalCount;
      seen.push(...district.villages.nodes.map((v: { code: string }) => v.code));
      if (!district.villages.pageInfo.hasNextPage) break;
      after = district.villages.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(totalCount);
    expect(new Set(seen).size).toBe(totalCount);
    expect(seen).toEqual([...seen].sort());
  });

  it("pages the villages of a whole regency", async () => {
    const { regency } = await data(
      url,
      `{ regency(code: "16.06") { villages(first: 1000) { totalCount nodes { code } pageInfo { hasNextPage } } } }`,
    );
    expect(regency.villages.nodes.length).toBe(Math.min(1000, regency.villages.totalCount));
    expect(regency.villages.nodes.every((v: { code: string }) => v.code.startsWith("16.06."))).toBe(true);
  });

  it("refuses a page size outside 1 to 1000", async () => {
    const result = await graphql(url, PAGE, { code: "16.06.01", first: 5000 });
    expect(result.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
  });

  it("refuses a cursor it did not issue", async () => {
    const result = await graphql(url, PAGE, { code: "16.06.01", first: 5, after: "not-a-cursor" });
    expect(result.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
  });
});
