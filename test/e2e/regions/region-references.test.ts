import { describe, expect, it } from "vitest";
import { graphql } from "../../support/graphql";
import { useTestStack } from "../../support/servers";

const stack = useTestStack();

const MALANG =
  '"Malang" is ambiguous: Kabupaten Malang (35.07) or Kota Malang (35.73). Write the full name or the code.';

const RESOLVE = `query($ref: String!) { resolveRegion(ref: $ref) { code name label readAs note regency { code kind } } }`;

describe("resolveRegion in GraphQL", () => {
  it.each(["1606", "16.06", "Muba", "Kab. Musi Banyuasin"])(
    "reads %s as Kabupaten Musi Banyuasin (16.06)",
    async (ref) => {
      const { data, errors } = await graphql(stack.url, RESOLVE, { ref });
      expect(errors).toBeUndefined();
      expect(data.resolveRegion).toMatchObject({
        code: "16.06",
        name: "Kabupaten Musi Banyuasin",
        label: "Kabupaten Musi Banyuasin (16.06)",
        regency: { code: "16.06", kind: "KABUPATEN" },
      });
    },
  );

  it("refuses an ambiguous name with BAD_USER_INPUT and the candidates in extensions", async () => {
    const { data, errors } = await graphql(stack.url, RESOLVE, { ref: "Malang" });
    expect(data).toBeNull();
    expect(errors?.[0]).toMatchObject({
      message: MALANG,
      extensions: {
        code: "BAD_USER_INPUT",
        field: "ref",
        candidates: [
          { code: "35.07", name: "Kabupaten Malang", readAs: "SHORT_NAME" },
          { code: "35.73", name: "Kota Malang", readAs: "SHORT_NAME" },
        ],
      },
    });
  });

  it("reads a BPS code through the crosswalk and says so", async () => {
    const { data } = await graphql(stack.url, RESOLVE, { ref: "BPS 1101" });
    expect(data.resolveRegion).toMatchObject({
      code: "11.09",
      name: "Kabupaten Simeulue",
      readAs: "BPS_CODE",
      note: "BPS code 1101 is Kabupaten Simeulue (11.09) by Kemendagri's code (BPS–Kemendagri crosswalk of 2020).",
    });
  });

  it('answers an unknown reference with "Unknown region" and suggestions', async () => {
    const { errors } = await graphql(stack.url, RESOLVE, { ref: "Musi Banyu" });
    expect(errors?.[0].message).toContain('Unknown region "Musi Banyu"');
    expect(errors?.[0].extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      suggestions: [{ code: "16.06", name: "Kabupaten Musi Banyuasin" }],
    });
  });
});

describe("names a kabupaten and a kota share, read from the region master the gateway serves", () => {
  it("are refused bare, each with its two candidates, and resolved with Kabupaten, Kab. or Kota (26 names)", async () => {
    const { data: master } = await graphql(stack.url, "{ regencies { code shortName kind } }");
    const byName = new Map<string, { code: string; kind: string }[]>();
    for (const r of master.regencies as { code: string; shortName: string; kind: string }[])
      byName.set(r.shortName, [...(byName.get(r.shortName) ?? []), r]);
    const shared = [...byName].filter(([, regions]) => new Set(regions.map((r) => r.kind)).size === 2);
    expect(shared.length).toBe(26);

    for (const [name, regions] of shared) {
      const { errors } = await graphql(stack.url, RESOLVE, { ref: name });
      expect(errors?.[0].extensions?.code, name).toBe("BAD_USER_INPUT");
      expect((errors?.[0].extensions?.candidates as { code: string }[]).map((c) => c.code).sort()).toEqual(
        regions.map((r) => r.code).sort(),
      );
    }
    const qualified = shared.flatMap(([name, regions]) =>
      ["Kabupaten", "Kab.", "Kota"].map((kind) => ({
        ref: `${kind} ${name}`,
        code: regions.find((r) => r.kind === (kind === "Kota" ? "KOTA" : "KABUPATEN"))!.code,
      })),
    );
    const operation = `{ ${qualified.map(({ ref }, i) => `r${i}: resolveRegion(ref: ${JSON.stringify(ref)}) { code }`).join(" ")} }`;
    const { data, errors } = await graphql(stack.url, operation);
    expect(errors).toBeUndefined();
    qualified.forEach(({ ref, code }, i) => expect(data[`r${i}`].code, ref).toBe(code));
  });

  it("each qualified name resolves to the region of its kind", async () => {
    const { data } = await graphql(
      stack.url,
      '{ kab: resolveRegion(ref: "Kab Malang") { code } kota: resolveRegion(ref: "Kota Malang") { label } }',
    );
    expect(data).toEqual({ kab: { code: "35.07" }, kota: { label: "Kota Malang (35.73)" } });
  });
});

describe("the CSV export's regencies= parameter", () => {
  const csv = (query: string) => fetch(`${stack.url.replace("/graphql", "")}/export/coverage.csv?${query}`);

  it("reads names, compact codes and aliases as the resolver does", async () => {
    const response = await csv(`regencies=${encodeURIComponent("Kota Malang,1606,OI")}&asOf=2025-07-31`);
    expect(response.status).toBe(200);
    const codes = (await response.text())
      .split("\r\n")
      .slice(1)
      .filter(Boolean)
      .map((line) => line.split(",")[0]);
    expect(codes).toEqual(["35.73", "16.06", "16.10"]);
  });

  it("refuses an ambiguous name with 400 BAD_USER_INPUT and the candidates", async () => {
    const response = await csv("regencies=Malang");
    expect(response.status).toBe(400);
    const { errors } = await response.json();
    expect(errors[0]).toMatchObject({
      message: `regencies: ${MALANG}`,
      extensions: { code: "BAD_USER_INPUT", candidates: [{ code: "35.07" }, { code: "35.73" }] },
    });
  });
});
