import { todayInJakarta } from "@cakupan/kit";
import type { DataSource, EntityManager } from "typeorm";
import type { NikKeys } from "./nik-crypto";
import { checkParticipantCsv, type ProblemList } from "./participant-import";
import type { CsvSource } from "./participant-csv";
import { NikCryptoWorker } from "./nik-crypto-worker";
import {
  hashedRows,
  ParticipantMerge,
  stagingText,
  STORE_CHUNK,
  type StoreResult,
} from "./participant-store";

export interface StreamedImport {
  problems: ProblemList;
  warnings: ProblemList;
  /** Data rows in the file (the header not counted). */
  rowCount: number;
  /** Rows that broke no rule. */
  valid: number;
  /** Rows whose NIK is registered in another regency, by line: any of them stores nothing. */
  registeredElsewhere: { line: number; regencyCode: string }[];
  /** What was stored; null when nothing was (a problem, or a NIK registered elsewhere). */
  stored: StoreResult | null;
}

/**
 * The first chunk is small so the database starts merging soon; the rest are large, each merge statement
 * having a cost of its own (the running counts' triggers grow with the groups a statement touches).
 */
const FIRST_CHUNK = 4_000;

/** Thrown inside the transaction to roll back an import that turned out to have a bad row. */
const ROLL_BACK = Symbol("roll back");

/**
 * Checks a file and stores it in one transaction, chunk by chunk as it is read: while the database merges a
 * chunk (ParticipantMerge), the next is parsed and checked, and its NIKs hashed and encrypted on a thread of
 * their own (NikCryptoWorker), so reading, encrypting and merging overlap and memory holds a couple of
 * chunks, not the file. The whole file is still read and every bad row
 * reported; if any row is bad, or any NIK registered in another regency, the transaction rolls back and
 * nothing is stored, exactly as if the file had been checked before storing. `audit` runs in the
 * transaction once everything is merged.
 */
export async function importParticipantCsv(
  dataSource: DataSource,
  source: CsvSource,
  regencyCode: string,
  keys: NikKeys,
  options: {
    synthetic?: boolean;
    today?: string;
    onProgress?: (rowsMerged: number) => void;
    audit?: (manager: EntityManager, stored: StoreResult) => Promise<void>;
  } = {},
): Promise<StreamedImport> {
  const checked = checkParticipantCsv(source, regencyCode, {
    today: options.today ?? todayInJakarta(),
    chunkSize: { first: FIRST_CHUNK, rest: STORE_CHUNK },
  });
  const registeredElsewhere: StreamedImport["registeredElsewhere"] = [];
  let valid = 0;
  let merged = 0;
  const refused = () => checked.problems.count > 0 || registeredElsewhere.length > 0;
  const crypto = NikCryptoWorker.start(keys);
  const stored = await dataSource
    .transaction(async (manager) => {
      const merge = await ParticipantMerge.open(manager, regencyCode, options);
      let previous: Promise<void> = Promise.resolve();
      for await (const rows of checked.chunks) {
        valid += rows.length;
        // Once a row is bad nothing will be stored: the rest is only checked (elsewhere too, to report it).
        const encrypted = crypto.run(
          rows.map(({ nik }) => nik),
          !refused(),
        );
        encrypted.catch(() => undefined);
        await previous;
        previous = (async () => {
          const hashed = hashedRows(rows, await encrypted);
          // A chunk merged finds its rows registered elsewhere itself; one not merged only looks them up.
          const elsewhere = refused()
            ? await merge.registeredElsewhere(hashed)
            : await merge.merge(hashed, stagingText(hashed, keys));
          for (const row of elsewhere) registeredElsewhere.push(row);
          if (refused()) return;
          merged += hashed.length;
          options.onProgress?.(merged);
        })();
        // Its failure is thrown where it is awaited, with the next chunk or after the last.
        previous.catch(() => undefined);
      }
      await previous;
      if (refused()) throw ROLL_BACK;
      const result = await merge.finish();
      await options.audit?.(manager, result);
      return result;
    })
    .catch((error) => {
      if (error === ROLL_BACK) return null;
      throw error;
    })
    .finally(() => crypto.close());
  registeredElsewhere.sort((a, b) => a.line - b.line);
  return {
    problems: checked.problems,
    warnings: checked.warnings,
    rowCount: checked.rowCount,
    valid,
    registeredElsewhere,
    stored,
  };
}
