// The benchmark's national data set, synthetic and marked so: for every regency, workforce estimates
// for 2023-2025 and 36 monthly coverage reports (2022-10 to 2025-09), all citing one synthetic source.
const SOURCE = {
  id: "synthetic-benchmark",
  publisher: "Cakupan benchmark (synthetic)",
  notes: ["Synthetic figures made by test/bench/national-data.mjs for benchmarks: not real coverage."],
};

async function insertSource(db) {
  await db.query(`INSERT INTO source (id, publisher, notes) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING`, [SOURCE.id, SOURCE.publisher, SOURCE.notes]);
}

export async function seedNationalRegencies(db) {
  await insertSource(db);
  await db.query(`INSERT INTO workforce_estimate (regency_code, year, persons, status, source_id, note)
    SELECT code, y, 50000 + (abs(hashtext(code)) % 400000), 'ESTIMATE', $1, 'synthetic'
    FROM regency CROSS JOIN generate_series(2023, 2025) y
    ON CONFLICT DO NOTHING`, [SOURCE.id]);
}

export async function seedNationalParticipants(db, regencyCodes) {
  await insertSource(db);
  await db.query(`INSERT INTO coverage_report (regency_code, as_of, as_of_precision, active_participants, status, source_id, note)
    SELECT code, (date '2022-10-01' + (m || ' month')::interval + interval '1 month' - interval '1 day')::date, 'MONTH',
           20000 + (abs(hashtext(code)) % 150000) + m * 500, 'ESTIMATE', $1, 'synthetic'
    FROM unnest($2::text[]) code CROSS JOIN generate_series(0, 35) m
    ON CONFLICT DO NOTHING`, [SOURCE.id, regencyCodes]);
}
