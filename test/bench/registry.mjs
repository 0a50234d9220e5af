// Registry benchmark: import rate of the real import path (read a file, parse, validate, encrypt, hash,
// upsert; npm run import's) for 100,000 rows, with the importing process's peak memory, beside a plain
// PostgreSQL COPY of the same prepared rows into an identical table (the limit); and the latency of the
// registry aggregates over 1,000,000 participants. Not a test: it reports.
import { fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { from as copyFrom } from "pg-copy-streams";
import pg from "pg";
import { openDataSource } from "@cakupan/kit";
import {
  csvLine,
  encryptNik,
  hashNik,
  maskNik,
  parseParticipantCsv,
  participantsSubgraph,
  statsLoader,
  SYNTHETIC_HEADER,
  syntheticRows,
} from "@cakupan/participants";
import { withBenchDatabase } from "./database.mjs";

/** What the COPY the import is compared with does, stated in the output beside the ratio. */
const COPY_BASELINE =
  "prepared rows into a bare copy of participant: same columns, indexes and checks; no triggers, no status history, no merge";

export async function registryBench({ quick = false, log = console.log } = {}) {
  const rowsWanted = quick ? 20_000 : 100_000;
  const aggregateRows = quick ? 200_000 : 1_000_000;
  const keys = { encryption: randomBytes(32), hash: randomBytes(32) };
  return withBenchDatabase("registry", async (url) => {
    const db = await openDataSource(participantsSubgraph, url);
    try {
      await db.runMigrations();
      const csv = [
        SYNTHETIC_HEADER.join(","),
        ...[...syntheticRows("16.06", rowsWanted, 3)].map(csvLine),
      ].join("\n");

      const dir = mkdtempSync(join(tmpdir(), "cakupan-bench-registry-"));
      const file = join(dir, "participants.csv");
      writeFileSync(file, csv);
      const imported = await importInOwnProcess(url, file, keys).finally(() =>
        rmSync(dir, { recursive: true, force: true }),
      );
      const stored = { inserted: imported.inserted };
      const importSeconds = imported.seconds;
      log(
        `import: ${stored.inserted} rows in ${importSeconds.toFixed(2)} s, peak memory (VmHWM) ${Math.round(imported.vmHwmKiB / 1024)} MiB`,
      );
      const parsed = await parseParticipantCsv(csv, "16.06");

      // The limit: the same rows, already prepared, COPYed into a table with the same columns and indexes.
      // A bare table: none of participant's triggers (running counts, data version), no status history and
      // its foreign key, no merge with known NIKs; the import does all of that, so the ratio is that work's price.
      await db.query("CREATE TABLE participant_copy (LIKE participant INCLUDING ALL)");
      const lines = parsed.rows.map(
        (r) =>
          [
            hashNik(r.nik, keys),
            `\\\\x${encryptNik(r.nik, keys).toString("hex")}`,
            maskNik(r.nik),
            r.fullName,
            r.sex,
            r.birthDate,
            r.villageCode,
            r.districtCode,
            r.occupation,
            r.segment,
            `{${r.programs.join(",")}}`,
            r.funding,
            r.monthlyContribution,
            r.enrolledOn,
            r.status,
            "16.06",
          ].join("\t") + "\n",
      );
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const copyStarted = performance.now();
      await pipeline(
        Readable.from(lines),
        client.query(
          copyFrom(
            "COPY participant_copy (nik_hash, nik_encrypted, nik_masked, full_name, sex, birth_date, village_code, district_code, occupation, segment, programs, funding, monthly_contribution, enrolled_on, status, regency_code) FROM STDIN",
          ),
        ),
      );
      const copySeconds = (performance.now() - copyStarted) / 1000;
      await client.end();
      log(
        `COPY: ${lines.length} rows in ${copySeconds.toFixed(2)} s (${COPY_BASELINE}); import/COPY ${(copySeconds / importSeconds).toFixed(3)}`,
      );

      // Aggregates over a registry of aggregateRows participants (synthetic, generated in SQL for speed).
      await db.query(`INSERT INTO participant (regency_code, nik_hash, nik_encrypted, nik_masked, full_name, sex, birth_date, village_code, district_code,
          occupation, segment, programs, funding, monthly_contribution, enrolled_on, status, synthetic)
        SELECT '16.06', md5('bench' || g), '\\x00', 'bench', 'Synthetic ' || g, CASE WHEN g % 2 = 0 THEN 'MALE' ELSE 'FEMALE' END, date '1980-01-01' + (g % 9000),
               v.code, left(v.code, 8), (ARRAY['petani','nelayan','buruh harian lepas','pedagang kaki lima','tukang bangunan'])[1 + g % 5], 'NON_WAGE_EARNER', ARRAY['JKK','JKM'],
               (ARRAY['APBD','APBD','APBD','APBDES','CSR'])[1 + g % 5], 16800, date '2022-01-01' + (g % 1300), CASE WHEN g % 12 = 0 THEN 'NON_ACTIVE' ELSE 'ACTIVE' END, true
        FROM generate_series(1, ${aggregateRows - stored.inserted}) g
        JOIN LATERAL (SELECT code FROM (VALUES ${[...new Set(parsed.rows.map((r) => `('${r.villageCode}')`))].slice(0, 200).join(",")}) AS v(code) OFFSET (g % 200) LIMIT 1) v ON true`);
      await db.query("ANALYZE participant");
      const timings = [];
      for (let i = 0; i < 10; i++) {
        const loader = statsLoader("regency_code")(db);
        const t = performance.now();
        const [stats] = await loader.loadMany(["16.06"]);
        timings.push(performance.now() - t);
        if (stats.enrolled !== aggregateRows)
          throw new Error(`expected ${aggregateRows} enrolled, got ${stats.enrolled}`);
      }
      timings.sort((a, b) => a - b);
      return {
        importRows: stored.inserted,
        importRowsPerSecond: Math.round(stored.inserted / importSeconds),
        copyRowsPerSecond: Math.round(lines.length / copySeconds),
        importToCopyRatio: Number((copySeconds / importSeconds).toFixed(3)),
        copyBaseline: COPY_BASELINE,
        importPeakMemoryMiB: Math.round(imported.vmHwmKiB / 1024),
        aggregateParticipants: aggregateRows,
        aggregateP50Ms: Number(timings[4].toFixed(1)),
        aggregateMaxMs: Number(timings[9].toFixed(1)),
      };
    } finally {
      await db.destroy();
    }
  });
}

/** registry-import.mjs in a child process: its time, rows stored and peak memory. */
function importInOwnProcess(url, file, keys) {
  return new Promise((resolve, reject) => {
    const child = fork(join(import.meta.dirname, "registry-import.mjs"), [url, file, "16.06"], {
      env: {
        ...process.env,
        NIK_ENCRYPTION_KEY: keys.encryption.toString("hex"),
        NIK_HASH_KEY: keys.hash.toString("hex"),
      },
    });
    let answer;
    child.on("message", (message) => (answer = message));
    child.on("error", reject);
    child.on("exit", (code) =>
      answer && code === 0 ? resolve(answer) : reject(new Error(`the import exited with ${code}`)),
    );
  });
}
