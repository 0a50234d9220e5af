import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse } from "csv-parse/sync";
import type { Source } from "@cakupan/kit";
import type { DataSource, EntityManager } from "typeorm";
import { parseRegencyName } from "../regency.entity";
import type { Progress } from "./progress";

/** The Kemendagri region master as shipped by the idn-area-data package (CSV files). */
const PACKAGE_DIR = dirname(require.resolve("idn-area-data/package.json"));
const PACKAGE_VERSION: string = JSON.parse(readFileSync(join(PACKAGE_DIR, "package.json"), "utf8")).version;
const DATASET = "idn-area-data";
const PACKAGE_HOMEPAGE: string | null =
  JSON.parse(readFileSync(join(PACKAGE_DIR, "package.json"), "utf8")).homepage ?? null;

/**
 * The decree each version's data follows, as the package's own docs/references.md names it (that file is not
 * shipped in the npm package: read in its repository at the version's tag). A version not listed here is
 * answered without a decree and says so.
 */
const DECREES: Record<string, { decree: string; evidence: string; publishedOn: string }> = {
  "4.0.1": {
    decree:
      "Keputusan Menteri Dalam Negeri Nomor 300.2.2-2L38 Tahun 2025 tentang Pemberian dan Pemutakhiran Kode, Data Wilayah " +
      "Administrasi Pemerintahan, dan Pulau",
    evidence:
      "The package's docs/references.md at tag v4.0.1 lists it as REF-2025-1, its newest reference, and the data update of " +
      "14 August 2025 (the last change to data/ before 4.0.1) says 'Based on REF-2025-1'.",
    publishedOn: "2026-05-06",
  },
};

/** The region master's own source: the package, its version, and the decree its references name. */
export function regionMasterSource(version = PACKAGE_VERSION): Source {
  const known = DECREES[version];
  return {
    id: `idn-area-data-${version}`,
    publisher:
      "idn-area-data (npm package by fityannugroho), data from the Ministry of Home Affairs (Kemendagri)",
    title: `idn-area-data ${version}: Indonesia administrative area data (provinces, regencies, districts, villages)`,
    publishedOn: known?.publishedOn ?? null,
    reportedOn: null,
    dateAsPrinted: null,
    dateNote: known ? `publishedOn is the registry publication date of version ${version}.` : null,
    inferred: false,
    inference: null,
    link: PACKAGE_HOMEPAGE,
    seedFile: null,
    cites: known?.decree ?? null,
    notes: known
      ? [
          known.evidence,
          "The data is under the Open Database License (ODbL), as the package's data/LICENSE.md states.",
        ]
      : [
          `No decree is recorded for version ${version}: read the package's docs/references.md and add it to area-data.ts.`,
        ],
  };
}
const CHUNK_SIZE = 10_000;

type CsvRow = Record<string, string>;

function readCsv(file: string): { rows: CsvRow[]; text: string } {
  const text = readFileSync(join(PACKAGE_DIR, "data", file), "utf8");
  return { rows: parse(text, { columns: true, skip_empty_lines: true, trim: true }), text };
}

interface Table {
  name: "province" | "regency" | "district" | "village";
  columns: string[];
  values: (row: CsvRow) => string[];
}

const TABLES: (Table & { file: string })[] = [
  { name: "province", file: "provinces.csv", columns: ["code", "name"], values: (r) => [r.code, r.name] },
  {
    name: "regency",
    file: "regencies.csv",
    columns: ["code", "province_code", "name", "short_name", "kind"],
    values: (r) => {
      const { kind, shortName } = parseRegencyName(r.name);
      return [r.code, r.province_code, r.name, shortName, kind];
    },
  },
  {
    name: "district",
    file: "districts.csv",
    columns: ["code", "regency_code", "name"],
    values: (r) => [r.code, r.regency_code, r.name],
  },
  {
    name: "village",
    file: "villages.csv",
    columns: ["code", "district_code", "regency_code", "name"],
    values: (r) => [r.code, r.district_code, r.district_code.slice(0, 5), r.name],
  },
];

/** Multi-row upsert through unnest(): one statement per chunk, rows that did not change are not rewritten. */
async function upsertChunk(manager: EntityManager, table: Table, rows: string[][]): Promise<void> {
  const columns = table.columns;
  const updates = columns.filter((c) => c !== "code");
  const sql = `INSERT INTO ${table.name} (${columns.join(", ")})
    SELECT * FROM unnest(${columns.map((_, i) => `$${i + 1}::text[]`).join(", ")})
    ON CONFLICT (code) DO UPDATE SET ${updates.map((c) => `${c} = EXCLUDED.${c}`).join(", ")}
    WHERE (${updates.map((c) => `${table.name}.${c}`).join(", ")}) IS DISTINCT FROM (${updates.map((c) => `EXCLUDED.${c}`).join(", ")})`;
  await manager.query(
    sql,
    columns.map((_, i) => rows.map((row) => row[i])),
  );
}

export interface AreaLoadResult {
  skipped: boolean;
  version: string;
  rowCounts: Record<string, number>;
}

/**
 * Loads provinces, regencies, districts and villages. Idempotent: a second run with the same package
 * files finds their checksum recorded and does nothing; a changed file is upserted in one transaction.
 */
export async function loadAreaData(
  db: DataSource,
  progress: Progress,
  options: { force?: boolean } = {},
): Promise<AreaLoadResult> {
  const files = TABLES.map((table) => ({ table, ...readCsv(table.file) }));
  const checksum = createHash("sha256")
    .update(files.map((f) => f.text).join("\u0000"))
    .digest("hex");
  const rowCounts = Object.fromEntries(files.map((f) => [f.table.name, f.rows.length]));
  const [loaded] = await db.query("SELECT checksum FROM dataset_load WHERE name = $1", [DATASET]);
  if (loaded?.checksum === checksum && !options.force) {
    return { skipped: true, version: PACKAGE_VERSION, rowCounts };
  }
  await db.transaction(async (manager) => {
    for (const { table, rows } of files) {
      const task = progress.start(`${table.name} (idn-area-data ${PACKAGE_VERSION})`, rows.length);
      for (let offset = 0; offset < rows.length; offset += CHUNK_SIZE) {
        const chunk = rows.slice(offset, offset + CHUNK_SIZE);
        await upsertChunk(manager, table, chunk.map(table.values));
        task.advance(chunk.length);
      }
      task.done();
    }
    await manager.query(
      `INSERT INTO dataset_load (name, version, checksum, row_counts) VALUES ($1, $2, $3, $4)
       ON CONFLICT (name) DO UPDATE SET version = EXCLUDED.version, checksum = EXCLUDED.checksum,
         row_counts = EXCLUDED.row_counts, loaded_at = now()`,
      [DATASET, PACKAGE_VERSION, checksum, JSON.stringify(rowCounts)],
    );
  });
  return { skipped: false, version: PACKAGE_VERSION, rowCounts };
}
