// Registry benchmark: import rate of the real import path (parse, validate, encrypt, hash, upsert) for
// 100,000 rows, beside a plain PostgreSQL COPY of the same prepared rows into an identical table (the
// limit); and the latency of the registry aggregates over 1,000,000 participants. Not a test: it reports.
import { randomBytes } from "node:crypto";
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
  storeParticipants,
  SYNTHETIC_HEADER,
  syntheticRows,
} from "@cakupan/participants";
import { withBenchDatabase } from "./database.mjs";

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

      const started = performance.now();
      const parsed = await parseParticipantCsv(csv, "16.06");
      if (parsed.problems.count) throw new Error(parsed.problems.listed[0].message);
      const stored = await db.transaction((manager) =>
        storeParticipants(manager, parsed.rows, "16.06", keys),
      );
      const importSeconds = (performance.now() - started) / 1000;
      log(`import: ${stored.inserted} rows in ${importSeconds.toFixed(2)} s`);

      // The limit: the same rows, already prepared, COPYed into a table with the same columns and indexes.
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
      log(`COPY: ${lines.length} rows in ${copySeconds.toFixed(2)} s`);

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
        aggregateParticipants: aggregateRows,
        aggregateP50Ms: Number(timings[4].toFixed(1)),
        aggregateMaxMs: Number(timings[9].toFixed(1)),
      };
    } finally {
      await db.destroy();
    }
  });
}
