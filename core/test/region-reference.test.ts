import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { BPS_CROSSWALK, kemendagriCodeOfBps } from "../src/bps-crosswalk";
import {
  normaliseRegionName,
  type RegionEntry,
  RegionReferences,
  regionSearchText,
  resolveRegion,
} from "../src/region-reference";

/** The region master the regencies subgraph loads (idn-area-data): the directory the resolver reads. */
function regionMaster(): RegionEntry[] {
  const dir = dirname(createRequire(import.meta.url).resolve("idn-area-data/package.json"));
  const [, ...lines] = readFileSync(join(dir, "data", "regencies.csv"), "utf8")
    .trim()
    .split(/\r?\n/);
  return lines.map((line) => {
    const [code, provinceCode, name] = line.split(",");
    const shortName = name.replace(/^(Kabupaten|Kota)( Administrasi)? /, "");
    const aliases = code === "16.06" ? ["Muba", "Pemkab Muba"] : [];
    return { code, name, shortName, aliases, province: { code: provinceCode, name: provinceCode } };
  });
}

const master = regionMaster();
const references = new RegionReferences(master);
const resolve = (reference: unknown) => references.resolve(reference);

/** Every short name that a kabupaten and a kota share, read from the master, not typed by hand. */
const byShortName = new Map<string, RegionEntry[]>();
for (const r of master) byShortName.set(r.shortName, [...(byShortName.get(r.shortName) ?? []), r]);
const shared = [...byShortName]
  .filter(
    ([, regions]) =>
      regions.some((r) => r.name.startsWith("Kota ")) && regions.some((r) => r.name.startsWith("Kabupaten ")),
  )
  .map(([shortName, regions]) => ({
    shortName,
    kabupaten: regions.find((r) => r.name.startsWith("Kabupaten "))!,
    kota: regions.find((r) => r.name.startsWith("Kota "))!,
  }));

describe("names a kabupaten and a kota share", () => {
  it("are the ones the master holds: Malang, Bogor, Bandung, Jayapura and the others (26)", () => {
    expect(shared.map((s) => s.shortName)).toEqual(
      expect.arrayContaining([
        "Malang",
        "Bogor",
        "Bandung",
        "Bekasi",
        "Kupang",
        "Jayapura",
        "Banjar",
        "Gorontalo",
      ]),
    );
    expect(shared).toHaveLength(26);
  });

  it.each(shared.map((s) => [s.shortName, s] as const))(
    "%s alone is refused with both candidates",
    (name, s) => {
      const answer = resolve(name);
      expect(answer.status).toBe("ambiguous");
      if (answer.status !== "ambiguous") return;
      expect(answer.candidates.map((c) => c.code).sort()).toEqual([s.kabupaten.code, s.kota.code].sort());
      expect(answer.message).toContain(`"${name}" is ambiguous: `);
      expect(answer.message).toContain(`${s.kabupaten.name} (${s.kabupaten.code})`);
      expect(answer.message).toContain(`${s.kota.name} (${s.kota.code})`);
    },
  );

  it.each(shared.map((s) => [s.shortName, s] as const))(
    "%s resolves with Kabupaten, Kab., Kab or Kota before it",
    (name, s) => {
      for (const prefix of ["Kabupaten", "Kab.", "Kab", "kab"])
        expect(resolve(`${prefix} ${name}`)).toMatchObject({ status: "resolved", code: s.kabupaten.code });
      for (const prefix of ["Kota", "kota", "Kodya", "Kotamadya"])
        expect(resolve(`${prefix} ${name}`)).toMatchObject({ status: "resolved", code: s.kota.code });
    },
  );

  it('answers Malang as the issue asks: "Malang" is ambiguous: Kabupaten Malang (35.07) or Kota Malang (35.73)', () => {
    expect(resolve("Malang")).toMatchObject({
      status: "ambiguous",
      message:
        '"Malang" is ambiguous: Kabupaten Malang (35.07) or Kota Malang (35.73). Write the full name or the code.',
    });
  });
});

describe("Kemendagri codes", () => {
  it.each([
    "16.06",
    "1606",
    " 1606 ",
    "Muba",
    "muba",
    "MUBA",
    "Pemkab Muba",
    "Kabupaten Musi Banyuasin",
    "kab. musi  banyuasin",
  ])("%s resolves to 16.06", (reference) => {
    expect(resolve(reference)).toMatchObject({
      status: "resolved",
      code: "16.06",
      name: "Kabupaten Musi Banyuasin",
    });
  });

  it("reads a code typed as a number (1606)", () => {
    expect(resolve(1606)).toMatchObject({ status: "resolved", code: "16.06" });
  });

  it("refuses a province, district or village code as a regency, saying which it is", () => {
    expect(resolve("16")).toMatchObject({ status: "unknown" });
    expect((resolve("16") as { message: string }).message).toContain("16 is a province code");
    expect((resolve("160601") as { message: string }).message).toContain("district (kecamatan) code");
    expect((resolve("16.06.01.2001") as { message: string }).message).toContain("village code");
  });
});

describe("BPS codes, through the crosswalk", () => {
  it("has 199 entries where BPS's code differs from Kemendagri's, every one naming a regency of the master", () => {
    expect(BPS_CROSSWALK).toHaveLength(199);
    for (const entry of BPS_CROSSWALK)
      expect(references.byKemendagriCode(entry.kemendagri), entry.bps).toBeDefined();
    expect(BPS_CROSSWALK.filter((e) => e.moved2022)).toHaveLength(26);
  });

  it("reads BPS 7325 (no Kemendagri 73.25) as Kabupaten Luwu Timur, 73.24, and says so", () => {
    expect(resolve("7325")).toMatchObject({
      status: "resolved",
      code: "73.24",
      name: "Kabupaten Luwu Timur",
      readAs: "bps-code",
      note: "BPS code 7325 is Kabupaten Luwu Timur (73.24) by Kemendagri's code (BPS–Kemendagri crosswalk of 2020).",
    });
  });

  it('reads "BPS 1101" as Kabupaten Simeulue (11.09), where Kemendagri 11.01 is Aceh Selatan', () => {
    expect(resolve("BPS 1101")).toMatchObject({
      status: "resolved",
      code: "11.09",
      name: "Kabupaten Simeulue",
    });
    expect(resolve("bps:1101")).toMatchObject({ status: "resolved", code: "11.09" });
    expect(resolve("11.01")).toMatchObject({
      status: "resolved",
      code: "11.01",
      name: "Kabupaten Aceh Selatan",
    });
  });

  it("refuses a bare code the two schemes read as different regencies, naming both", () => {
    const answer = resolve("1101");
    expect(answer).toMatchObject({
      status: "ambiguous",
      candidates: [
        { code: "11.01", name: "Kabupaten Aceh Selatan", readAs: "kemendagri-code" },
        { code: "11.09", name: "Kabupaten Simeulue", readAs: "bps-code" },
      ],
    });
    expect((answer as { message: string }).message).toBe(
      '"1101" is ambiguous: Kabupaten Aceh Selatan (11.01) by its Kemendagri code or Kabupaten Simeulue (11.09) by its BPS code. Write 11.01 for the first, or "BPS 1101" for the second.',
    );
  });

  it("follows Papua's 2022 renumbering: BPS 9401 is Merauke, now 93.01 in Papua Selatan", () => {
    expect(kemendagriCodeOfBps("9401")).toBe("93.01");
    expect(resolve("BPS 9401")).toMatchObject({
      status: "resolved",
      code: "93.01",
      name: "Kabupaten Merauke",
    });
    // Kemendagri's 94.01 is Nabire (Papua Tengah): the bare code is refused.
    expect(resolve("9401")).toMatchObject({ status: "ambiguous" });
  });

  it("refuses a Kemendagri code retired in 2022, pointing at the regency's code now", () => {
    expect(resolve("91.01")).toMatchObject({ status: "unknown", suggestions: [{ code: "93.01" }] });
    expect((resolve("91.01") as { message: string }).message).toContain(
      "91.01 was Kabupaten Merauke's Kemendagri code until Papua's new provinces were formed in 2022; it is 93.01 now",
    );
  });

  it("refuses a bare code that is a retired Kemendagri code and another regency's BPS code, naming both", () => {
    // 91.01 was Merauke's Kemendagri code until 2022; BPS 9101 is Fak Fak (92.03).
    expect(resolve("9101")).toMatchObject({
      status: "ambiguous",
      candidates: [
        { code: "93.01", name: "Kabupaten Merauke" },
        { code: "92.03", name: "Kabupaten Fak Fak" },
      ],
    });
    expect(resolve("BPS 9101")).toMatchObject({ status: "resolved", code: "92.03" });
  });

  it("does not read a code BPS did not use in 2020 as a BPS code", () => {
    expect(kemendagriCodeOfBps("9301")).toBeNull();
    expect(resolve("BPS 9301")).toMatchObject({ status: "unknown" });
  });
});

describe("unknown references", () => {
  it('answer "Unknown region" with what a reference looks like', () => {
    const answer = resolve("xyz");
    expect(answer).toMatchObject({ status: "unknown" });
    expect((answer as { message: string }).message).toBe(
      'Unknown region "xyz": give a Kemendagri code like 16.06 (or 1606), a name like "Kabupaten Musi Banyuasin" or "Kota Malang", or an alias like "Muba".',
    );
  });

  it("suggest the nearest names", () => {
    const answer = resolve("Musi Banyu");
    expect(answer).toMatchObject({ status: "unknown", suggestions: [{ code: "16.06" }] });
    expect((answer as { message: string }).message).toContain("Nearest: Kabupaten Musi Banyuasin (16.06).");
  });

  it("name the other kind when the kind typed has no such region", () => {
    const answer = resolve("Kota Musi Banyuasin");
    expect(answer).toMatchObject({ status: "unknown", suggestions: [{ code: "16.06" }] });
    expect((answer as { message: string }).message).toContain(
      "there is no Kota of that name, but there is Kabupaten Musi Banyuasin (16.06)",
    );
  });

  it("an unknown code of the right shape says no region has it", () => {
    expect((resolve("16.99") as { message: string }).message).toContain(
      "No regency or city has the Kemendagri code 16.99",
    );
  });
});

describe("normalisation, in one place", () => {
  it.each([
    ["Kabupaten Malang", "KABUPATEN", "malang"],
    ["Kab. Malang", "KABUPATEN", "malang"],
    ["Kab Malang", "KABUPATEN", "malang"],
    ["  kab.   MALANG ", "KABUPATEN", "malang"],
    ["Kota Malang", "KOTA", "malang"],
    ["Kodya Malang", "KOTA", "malang"],
    ["Kotamadya Malang", "KOTA", "malang"],
    ["Pemkot Malang", "KOTA", "malang"],
    ["Pemerintah Kabupaten Malang", "KABUPATEN", "malang"],
    ["Malang", null, "malang"],
    ["Toli-Toli", null, "tolitoli"],
    ["Toli Toli", null, "tolitoli"],
    ["Tolitoli", null, "tolitoli"],
    ["Kota Administrasi Jakarta Selatan", "KOTA", "jakartaselatan"],
    ["Kab. Adm. Kepulauan Seribu", "KABUPATEN", "kepulauanseribu"],
    ["Pangkal Pinang", null, "pangkalpinang"],
    ["Bau-Bau", null, "baubau"],
    ["Pārepare", null, "parepare"],
    ["Kotabaru", null, "kotabaru"],
  ])("%s reads as %s %s", (text, kind, key) => {
    expect(normaliseRegionName(text)).toMatchObject({ kind, key });
  });

  it.each([
    ["Toli-Toli", "72.04"],
    ["Kabupaten Toli Toli", "72.04"],
    ["Tolitoli", "72.04"],
    ["Kotabaru", "63.02"],
    ["Kota Baru", "63.02"],
    ["Kotamobagu", "71.74"],
    ["Jakarta Selatan", "31.74"],
    ["Kepulauan Seribu", "31.01"],
    ["Baubau", "74.72"],
    ["Bau-Bau", "74.72"],
  ])("%s resolves to %s", (reference, code) => {
    expect(resolve(reference)).toMatchObject({ status: "resolved", code });
  });

  it("folds a name search the same way, keeping single spaces", () => {
    expect(regionSearchText("  Kab.  Musi   Banyuasin ")).toBe("musi banyuasin");
    expect(regionSearchText("Pemkab Muba")).toBe("muba");
    expect(regionSearchText("Toli-Toli")).toBe("toli toli");
  });

  it("says how it read a reference", () => {
    expect(resolve("Musi Banyuasin")).toMatchObject({ readAs: "short-name" });
    expect(resolve("Kab. Musi Banyuasin")).toMatchObject({ readAs: "name" });
    expect(resolve("Muba")).toMatchObject({ readAs: "alias" });
    expect(resolve("1606")).toMatchObject({ readAs: "kemendagri-code" });
    expect(resolve("7325")).toMatchObject({ readAs: "bps-code" });
  });

  it("indexes a directory once, whatever the number of look-ups", () => {
    expect(resolveRegion("Muba", master)).toMatchObject({ code: "16.06" });
    expect(resolveRegion("Kota Malang", master)).toMatchObject({ code: "35.73" });
  });
});
