// The benchmark's national data set, synthetic and marked so: for every regency, workforce estimates
// for 2023-2025, 36 monthly coverage reports (2022-10 to 2025-09) and a provincial award edition per
// province with ranked results, all citing one synthetic source.
import { knownRegencyCodes, openDataSource } from "@cakupan/kit";
import { regenciesSubgraph, seedRegencies, silentProgress } from "@cakupan/regencies";
import { participantsSubgraph } from "@cakupan/participants";
import { awardsSubgraph } from "@cakupan/awards";

export const NATIONAL_SUBGRAPHS = [regenciesSubgraph, participantsSubgraph, awardsSubgraph];

/** A subgraph's database at `url` migrated, with its seed and the national data set (npm run bench, cpu-split). */
export async function migrateAndSeedNational(definition, url) {
  const db = await openDataSource(definition, url);
  try {
    await db.runMigrations();
    if (definition === regenciesSubgraph) {
      await seedRegencies(db, silentProgress);
      await seedNationalRegencies(db);
    } else await definition.seed(db);
    if (definition === participantsSubgraph) await seedNationalParticipants(db, [...knownRegencyCodes()]);
    if (definition === awardsSubgraph) await seedNationalAwards(db, [...knownRegencyCodes()]);
  } finally {
    await db.destroy();
  }
}

const SOURCE = {
  id: "synthetic-benchmark",
  publisher: "Cakupan benchmark (synthetic)",
  notes: ["Synthetic figures made by test/bench/national-data.mjs for benchmarks: not real coverage."],
};

async function insertSource(db) {
  await db.query(
    `INSERT INTO source (id, publisher, notes) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING`,
    [SOURCE.id, SOURCE.publisher, SOURCE.notes],
  );
}

export async function seedNationalRegencies(db) {
  await insertSource(db);
  await db.query(
    `INSERT INTO workforce_estimate (regency_code, year, persons, status, source_id, note)
    SELECT code, y, 50000 + (abs(hashtext(code)) % 400000), 'ESTIMATE', $1, 'synthetic'
    FROM regency CROSS JOIN generate_series(2023, 2025) y
    ON CONFLICT DO NOTHING`,
    [SOURCE.id],
  );
}

export async function seedNationalParticipants(db, regencyCodes) {
  await insertSource(db);
  await db.query(
    `INSERT INTO coverage_report (regency_code, as_of, as_of_precision, active_participants, status, source_id, note)
    SELECT code, (date '2022-10-01' + (m || ' month')::interval + interval '1 month' - interval '1 day')::date, 'MONTH',
           20000 + (abs(hashtext(code)) % 150000) + m * 500, 'ESTIMATE', $1, 'synthetic'
    FROM unnest($2::text[]) code CROSS JOIN generate_series(0, 35) m
    ON CONFLICT DO NOTHING`,
    [SOURCE.id, regencyCodes],
  );
}

/** One synthetic provincial edition per province, every regency nominated, the first three ranked. */
export async function seedNationalAwards(db, regencyCodes) {
  await insertSource(db);
  const provinces = [...new Set(regencyCodes.map((code) => code.slice(0, 2)))];
  await db.query(
    `INSERT INTO award_edition (id, name, level, province_code, assessment_year, source_id, note)
    SELECT 'synthetic-bench-' || p, 'Paritrana Award (synthetic) ' || p, 'PROVINCIAL', p, 2024, $1, 'synthetic'
    FROM unnest($2::text[]) p ON CONFLICT DO NOTHING`,
    [SOURCE.id, provinces],
  );
  await db.query(
    `INSERT INTO edition_category (edition_id, category_code, position)
    SELECT 'synthetic-bench-' || p, 'REGENCY_CITY_GOVERNMENT', 1 FROM unnest($1::text[]) p ON CONFLICT DO NOTHING`,
    [provinces],
  );
  await db.query(
    `INSERT INTO nomination (edition_id, category_code, nominee_type, nominee_code, source_id, note)
    SELECT 'synthetic-bench-' || left(code, 2), 'REGENCY_CITY_GOVERNMENT', 'REGENCY', code, $1, 'synthetic'
    FROM unnest($2::text[]) code ON CONFLICT DO NOTHING`,
    [SOURCE.id, regencyCodes],
  );
  await db.query(
    `INSERT INTO award_result (nomination_id, edition_id, category_code, rank, title, source_id, note)
    SELECT id, edition_id, category_code, rank, 'Peringkat ' || rank || ' (synthetic)', $1, 'synthetic'
    FROM (SELECT id, edition_id, category_code, row_number() OVER (PARTITION BY edition_id ORDER BY nominee_code) AS rank
          FROM nomination WHERE source_id = $1) ranked
    WHERE rank <= 3 ON CONFLICT DO NOTHING`,
    [SOURCE.id],
  );
}
