import { knownVillageCodes } from "@cakupan/kit";
import { minimumBpuContribution } from "./participant-import";

/**
 * Plausible, structurally valid and entirely made-up workers for demos and benchmarks. Every record this
 * makes is stored with synthetic = true and is never part of the seed figures. Deterministic for a seed.
 */
const GIVEN = [
  "Ahmad",
  "Budi",
  "Siti",
  "Dewi",
  "Rudi",
  "Sri",
  "Agus",
  "Nur",
  "Wati",
  "Joko",
  "Yanti",
  "Hendra",
  "Rina",
  "Dedi",
  "Lestari",
  "Bambang",
  "Fitri",
  "Eko",
  "Ani",
  "Slamet",
];
const FAMILY = [
  "Saputra",
  "Wijaya",
  "Lestari",
  "Santoso",
  "Rahmawati",
  "Pratama",
  "Hidayat",
  "Sari",
  "Kurniawan",
  "Utami",
  "Syahputra",
  "Permata",
  "Gunawan",
  "Susanti",
];
const OCCUPATIONS = [
  "petani",
  "pekebun karet",
  "nelayan",
  "buruh harian lepas",
  "pedagang kaki lima",
  "tukang bangunan",
  "pengemudi ojek",
  "peternak",
  "penjahit",
  "pemulung",
];

/** A small seeded generator (mulberry32): the same seed gives the same people. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const SYNTHETIC_HEADER = [
  "nik",
  "nama",
  "jenis_kelamin",
  "tanggal_lahir",
  "kode_desa",
  "pekerjaan",
  "program",
  "sumber_dana",
  "iuran",
  "tanggal_daftar",
  "status",
];

/** Rows in the import's CSV columns, each a distinct NIK issued in the regency's districts. */
export function* syntheticRows(regencyCode: string, count: number, seed = 1): Generator<string[]> {
  const next = random(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const villages = [...knownVillageCodes()].filter((code) => code.startsWith(`${regencyCode}.`));
  if (!villages.length)
    throw new Error(`No villages are known for regency ${regencyCode}: use a Kemendagri code like 16.06.`);
  const serials = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const village = pick(villages);
    const female = next() < 0.5;
    const year = 1965 + Math.floor(next() * 42);
    const month = 1 + Math.floor(next() * 12);
    const day = 1 + Math.floor(next() * 28);
    const prefix = `${village.slice(0, 8).replace(/\./g, "")}${String(day + (female ? 40 : 0)).padStart(2, "0")}${String(month).padStart(2, "0")}${String(year % 100).padStart(2, "0")}`;
    // A random first serial per birth date and district keeps separate runs from reusing one another's NIKs.
    const serial = (serials.get(prefix) ?? Math.floor(next() * 5000)) + 1;
    serials.set(prefix, serial);
    if (serial > 9999) continue;
    const enrolled = new Date(Date.UTC(2022, 0, 1) + Math.floor(next() * 1300) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const withJht = next() < 0.2;
    yield [
      `${prefix}${String(serial).padStart(4, "0")}`,
      `${pick(GIVEN)} ${pick(FAMILY)}`,
      female ? "P" : "L",
      `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`,
      village,
      pick(OCCUPATIONS),
      withJht ? "JKK;JKM;JHT" : "JKK;JKM",
      next() < 0.7 ? "APBD" : next() < 0.8 ? "APBDES" : pick(["CSR", "BAZNAS", "MANDIRI"]),
      String(minimumBpuContribution()),
      enrolled,
      next() < 0.92 ? "aktif" : "nonaktif",
    ];
  }
}

export function csvLine(values: string[]): string {
  return values.map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(",");
}
