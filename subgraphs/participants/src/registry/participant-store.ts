import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { todayInJakarta } from "@cakupan/kit";
import type { PoolClient } from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { EntityManager } from "typeorm";
import { maskNik } from "./nik";
import { encryptNik, hashNik, type NikKeys } from "./nik-crypto";
import type { NikCryptoAnswer } from "./nik-crypto-worker";
import type { ImportRow } from "./participant-import";

/** A row with its NIK's keyed hash, and its NIK encrypted (in hex) when that was done already. */
export interface HashedRow {
  row: ImportRow;
  hash: string;
  encrypted?: string;
}

const byHash = (a: HashedRow, b: HashedRow) => (a.hash < b.hash ? -1 : 1);

/** Rows with their NIK's keyed hash, in hash order: the order every import takes its locks in. */
export function hashRows(rows: ImportRow[], keys: NikKeys): HashedRow[] {
  return rows.map((row) => ({ row, hash: hashNik(row.nik, keys) })).sort(byHash);
}

/** Rows with the hashes (and encrypted NIKs, if any) a NikCryptoWorker answered for them, in hash order. */
export function hashedRows(rows: ImportRow[], answer: NikCryptoAnswer): HashedRow[] {
  return rows
    .map((row, i) => ({ row, hash: answer.hashes[i], encrypted: answer.encrypted?.[i] }))
    .sort(byHash);
}

/** How many rows one staging COPY and one merge statement take. */
export const STORE_CHUNK = 20_000;

/**
 * The rows whose NIK is registered in another regency: an import never moves a person between regencies
 * (an admin transfers them, transferParticipant), and never tells an operator which regency has them.
 */
export async function rowsRegisteredElsewhere(
  manager: EntityManager,
  hashed: HashedRow[],
  regencyCode: string,
): Promise<{ line: number; regencyCode: string }[]> {
  const found: { line: number; regencyCode: string }[] = [];
  for (let offset = 0; offset < hashed.length; offset += STORE_CHUNK) {
    const chunk = hashed.slice(offset, offset + STORE_CHUNK);
    const rows: { nik_hash: string; regency_code: string }[] = await manager.query(
      "SELECT nik_hash, regency_code FROM participant WHERE nik_hash = ANY($1::text[]) AND regency_code <> $2",
      [chunk.map(({ hash }) => hash), regencyCode],
    );
    const elsewhere = new Map(rows.map((r) => [r.nik_hash, r.regency_code]));
    for (const { row, hash } of chunk)
      if (elsewhere.has(hash)) found.push({ line: row.line, regencyCode: elsewhere.get(hash)! });
  }
  return found.sort((a, b) => a.line - b.line);
}

/** Thrown by storeParticipants, rolling the import back: these rows' NIKs belong to another regency. */
export class RegisteredElsewhere extends Error {
  constructor(readonly rows: { line: number; regencyCode: string }[]) {
    super(`${rows.length} row(s) hold a NIK registered in another regency.`);
  }
}

export interface StoreResult {
  inserted: number;
  updated: number;
  unchanged: number;
  ids: string[];
}

/** A value in PostgreSQL's COPY text format. Almost every value has nothing to escape: it is then kept as is. */
const copyText = (value: string) =>
  /[\\\t\n\r]/.test(value)
    ? value.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r")
    : value;

const STAGE_COLUMNS =
  "nik_hash, nik_encrypted, nik_masked, full_name, sex, birth_date, village_code, district_code, occupation, segment, programs, funding, monthly_contribution, enrolled_on, status";

/** COPY data sent in pieces of this many rows: one socket write per row costs more than the rest of the COPY. */
const ROWS_PER_WRITE = 500;

/**
 * Each row as a line of COPY text of STAGE_COLUMNS, its NIK encrypted (a fresh IV each) unless it came
 * encrypted. The CPU-bound half of storing: done while the database merges the previous chunk.
 */
export function stagingText(hashed: HashedRow[], keys: NikKeys): string[] {
  const ivs = hashed.every(({ encrypted }) => encrypted !== undefined)
    ? Buffer.alloc(0)
    : randomBytes(12 * hashed.length);
  return hashed.map(({ row, hash, encrypted }, i) => {
    const nik = encrypted ?? encryptNik(row.nik, keys, ivs.subarray(i * 12, i * 12 + 12)).toString("hex");
    // One template, not an array joined: this runs for every row of a file.
    return (
      `${hash}\t\\\\x${nik}\t${maskNik(row.nik)}\t${copyText(row.fullName)}\t${row.sex}\t${row.birthDate}\t` +
      `${row.villageCode}\t${row.districtCode}\t${copyText(row.occupation)}\t${row.segment}\t{${row.programs.join(",")}}\t` +
      `${row.funding}\t${row.monthlyContribution}\t${row.enrolledOn}\t${row.status}\n`
    );
  });
}

/** The COPY lines of the rows at `indexes` (given each index and its position), in pieces of ROWS_PER_WRITE rows. */
function copyPieces(indexes: number[], line: (index: number, position: number) => string): string[] {
  const pieces: string[] = [];
  let piece = "";
  for (let i = 0; i < indexes.length; i++) {
    piece += line(indexes[i], i);
    if ((i + 1) % ROWS_PER_WRITE === 0) {
      pieces.push(piece);
      piece = "";
    }
  }
  if (piece) pieces.push(piece);
  return pieces;
}

/**
 * Merges chunks of rows into the registry in the caller's transaction: a NIK already registered in this
 * regency updates its record (never a second one), an unchanged record is not rewritten, and every new record
 * or change of status enters the status history. A chunk's rows whose NIK is not registered yet (all of a
 * new file's) are COPYed straight into the registry, with ids drawn from its sequence beforehand, and their
 * first status into the history: a COPY costs the database about half what an upsert through a staging
 * table does. The others are COPYed into a temporary staging table, then merged in one statement. Opening it takes the data version's row: overlapping imports then wait for each
 * other whole instead of deadlocking between a chunk's row locks and the version the previous chunk already
 * bumped, and under that lock no other import or transfer can register these NIKs elsewhere before they are
 * merged. Within a chunk rows go in NIK-hash order. The running counts (participant_counts) are deferred
 * while it merges and applied once, by finish(), instead of once per chunk (migration 1764600000000).
 */
export class ParticipantMerge {
  readonly result: StoreResult = { inserted: 0, updated: 0, unchanged: 0, ids: [] };

  private constructor(
    private readonly manager: EntityManager,
    private readonly client: PoolClient,
    private readonly regencyCode: string,
    private readonly synthetic: boolean,
  ) {}

  static async open(
    manager: EntityManager,
    regencyCode: string,
    options: { synthetic?: boolean } = {},
  ): Promise<ParticipantMerge> {
    const client = (await manager.queryRunner!.connect()) as PoolClient;
    await manager.query("SELECT version FROM data_version FOR UPDATE");
    await manager.query("SELECT participant_counts_defer()");
    // The merge's statements are planned as costly (a lookup per row) and run in a fraction of a second:
    // compiling them (JIT) would take longer than it saves.
    await manager.query("SET LOCAL jit = off");
    await manager.query(
      `CREATE TEMP TABLE IF NOT EXISTS participant_stage (
         nik_hash text, nik_encrypted bytea, nik_masked text, full_name text, sex text, birth_date date, village_code text, district_code text,
         occupation text, segment text, programs text[], funding text, monthly_contribution int, enrolled_on date, status text
       ) ON COMMIT DROP`,
    );
    return new ParticipantMerge(manager, client, regencyCode, options.synthetic ?? false);
  }

  /**
   * The running counts of every chunk merged, applied in one statement: call it once the last chunk is merged
   * (were it forgotten, the commit would apply them).
   */
  async finish(): Promise<StoreResult> {
    await this.manager.query("SELECT participant_counts_apply_pending()");
    return this.result;
  }

  /** This chunk's rows whose NIK is registered in another regency. */
  registeredElsewhere(hashed: HashedRow[]) {
    return rowsRegisteredElsewhere(this.manager, hashed, this.regencyCode);
  }

  /**
   * One chunk (at most STORE_CHUNK rows), given as its stagingText, merged; answers its rows whose NIK is
   * registered in another regency, found by the same statement (those rows are left as they are: the caller
   * rolls the import back).
   */
  async merge(hashed: HashedRow[], staging: string[]): Promise<{ line: number; regencyCode: string }[]> {
    const all = hashed.map((_, index) => index);
    // Most chunks register no known NIK (a new file's none): tried as all new first, saving a lookup a row.
    if (await this.copyNew(hashed, staging, all, { tentative: true })) return [];
    // Which NIKs are registered (by index, one at a time: a join would read the whole registry). No other
    // transaction registers a NIK meanwhile: it would need the data version's row, which this one holds.
    const [{ known }] = await this.manager.query(
      `SELECT coalesce(string_agg(h, ','), '') AS known FROM unnest(string_to_array($1, ',')) h
       CROSS JOIN LATERAL (SELECT FROM participant p WHERE p.nik_hash = h LIMIT 1) p`,
      [hashed.map(({ hash }) => hash).join(",")],
    );
    const registered = new Set((known as string).split(",").filter(Boolean));
    const fresh = all.filter((index) => !registered.has(hashed[index].hash));
    const existing = all.filter((index) => registered.has(hashed[index].hash));
    if (fresh.length) await this.copyNew(hashed, staging, fresh, { tentative: false });
    if (!existing.length) return [];
    return this.upsert(
      existing.map((index) => hashed[index]),
      copyPieces(existing, (index) => staging[index]),
    );
  }

  /**
   * The rows at `indexes`, none of whose NIKs is registered, COPYed into participant with ids drawn from its
   * sequence, and their first status into the history. `tentative`: when one NIK is registered after all, the
   * COPY is undone (to a savepoint) and false answered.
   */
  private async copyNew(
    hashed: HashedRow[],
    staging: string[],
    indexes: number[],
    { tentative }: { tentative: boolean },
  ): Promise<boolean> {
    const [{ ids }] = await this.manager.query(
      "SELECT string_agg(nextval('participant_id_seq')::text, ',') AS ids FROM generate_series(1, $1)",
      [indexes.length],
    );
    const newIds = (ids as string).split(",");
    const prefix = `\t${copyText(this.regencyCode)}\t${this.synthetic ? "t" : "f"}\t`;
    if (tentative) await this.manager.query("SAVEPOINT participant_new_rows");
    try {
      await this.copy(
        `COPY participant (id, regency_code, synthetic, ${STAGE_COLUMNS}) FROM STDIN`,
        copyPieces(indexes, (index, position) => newIds[position] + prefix + staging[index]),
      );
    } catch (error) {
      const { code, constraint } = error as { code?: string; constraint?: string };
      if (!tentative || code !== "23505" || constraint !== "participant_nik_hash_key") throw error;
      await this.manager.query("ROLLBACK TO SAVEPOINT participant_new_rows");
      return false;
    }
    if (tentative) await this.manager.query("RELEASE SAVEPOINT participant_new_rows");
    await this.copy(
      "COPY participant_status_history (participant_id, status, since) FROM STDIN",
      copyPieces(indexes, (index, position) => {
        const { row } = hashed[index];
        return `${newIds[position]}\t${row.status}\t${row.enrolledOn}\n`;
      }),
    );
    this.result.inserted += indexes.length;
    for (const id of newIds) this.result.ids.push(id);
    return true;
  }

  private copy(statement: string, pieces: string[]): Promise<void> {
    return pipeline(Readable.from(pieces), this.client.query(copyFrom(statement)));
  }

  /** Rows whose NIK is registered, through the staging table, in one statement (see merge). */
  private async upsert(
    hashed: HashedRow[],
    staging: string[],
  ): Promise<{ line: number; regencyCode: string }[]> {
    await this.manager.query("TRUNCATE participant_stage");
    await this.copy(`COPY participant_stage (${STAGE_COLUMNS}) FROM STDIN`, staging);
    const [summary] = await this.manager.query(
      `WITH upserted AS (
         INSERT INTO participant (regency_code, synthetic, ${STAGE_COLUMNS})
         SELECT $1, $2, ${STAGE_COLUMNS} FROM participant_stage
         ON CONFLICT (nik_hash) DO UPDATE SET
           full_name = EXCLUDED.full_name, village_code = EXCLUDED.village_code,
           district_code = EXCLUDED.district_code, occupation = EXCLUDED.occupation, segment = EXCLUDED.segment, programs = EXCLUDED.programs,
           funding = EXCLUDED.funding, monthly_contribution = EXCLUDED.monthly_contribution, enrolled_on = EXCLUDED.enrolled_on,
           status = EXCLUDED.status, synthetic = EXCLUDED.synthetic, updated_at = now()
         WHERE participant.regency_code = EXCLUDED.regency_code
           AND (participant.regency_code, participant.full_name, participant.village_code, participant.occupation, participant.segment,
                participant.programs, participant.funding, participant.monthly_contribution, participant.enrolled_on, participant.status, participant.synthetic)
           IS DISTINCT FROM (EXCLUDED.regency_code, EXCLUDED.full_name, EXCLUDED.village_code, EXCLUDED.occupation, EXCLUDED.segment,
                EXCLUDED.programs, EXCLUDED.funding, EXCLUDED.monthly_contribution, EXCLUDED.enrolled_on, EXCLUDED.status, EXCLUDED.synthetic)
         RETURNING id, nik_hash, status, enrolled_on, (xmax = 0) AS inserted
       ),
       -- The records as they were before this statement (its snapshot), of the rows it did not insert: their
       -- old status, and where they are registered. Looked up by index one NIK at a time: a join would read
       -- the whole registry for each chunk, though a new file's rows have no old record at all.
       old AS (
         SELECT p.id, p.nik_hash, p.status, p.regency_code
         FROM participant_stage s
         CROSS JOIN LATERAL (
           SELECT p.id, p.nik_hash, p.status, p.regency_code FROM participant p WHERE p.nik_hash = s.nik_hash LIMIT 1
         ) p
         WHERE NOT EXISTS (SELECT FROM upserted u WHERE u.nik_hash = s.nik_hash AND u.inserted)
       ),
       history AS (
         INSERT INTO participant_status_history (participant_id, status, since)
         SELECT u.id, u.status, CASE WHEN u.inserted THEN u.enrolled_on ELSE $3::date END
         FROM upserted u LEFT JOIN old o USING (nik_hash)
         WHERE u.inserted OR o.status IS DISTINCT FROM u.status
       )
       SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated,
              coalesce(array_agg(id::text), '{}') AS ids,
              (SELECT coalesce(array_agg(ARRAY[nik_hash, regency_code]), '{}') FROM old WHERE regency_code <> $1) AS elsewhere
       FROM upserted`,
      [this.regencyCode, this.synthetic, todayInJakarta()],
    );
    this.result.inserted += summary.inserted;
    this.result.updated += summary.updated;
    this.result.unchanged += hashed.length - summary.inserted - summary.updated;
    for (const id of summary.ids) this.result.ids.push(id);
    if (!summary.elsewhere.length) return [];
    const lineOf = new Map(hashed.map(({ row, hash }) => [hash, row.line]));
    return (summary.elsewhere as [string, string][]).map(([hash, regencyCode]) => ({
      line: lineOf.get(hash)!,
      regencyCode,
    }));
  }
}

/**
 * Stores rows already checked in the caller's transaction (see ParticipantMerge), all in NIK-hash order, so
 * overlapping imports running at once take their locks in the same order and cannot deadlock. A NIK
 * registered in another regency stops the import (RegisteredElsewhere).
 */
export async function storeParticipants(
  manager: EntityManager,
  rows: ImportRow[],
  regencyCode: string,
  keys: NikKeys,
  options: { synthetic?: boolean; onProgress?: (done: number) => void } = {},
): Promise<StoreResult> {
  const prepared = hashRows(rows, keys);
  const merge = await ParticipantMerge.open(manager, regencyCode, options);
  const elsewhere = await merge.registeredElsewhere(prepared);
  if (elsewhere.length) throw new RegisteredElsewhere(elsewhere);
  for (let offset = 0; offset < prepared.length; offset += STORE_CHUNK) {
    const chunk = prepared.slice(offset, offset + STORE_CHUNK);
    await merge.merge(chunk, stagingText(chunk, keys));
    options.onProgress?.(Math.min(offset + STORE_CHUNK, prepared.length));
  }
  return merge.finish();
}
