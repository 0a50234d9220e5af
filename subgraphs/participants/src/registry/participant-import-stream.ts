import { todayInJakarta } from "@cakupan/kit";
import type { DataSource, EntityManager } from "typeorm";
import type { NikKeys } from "./nik-crypto";
import { checkParticipantCsv, type ImportRow, type ProblemList } from "./participant-import";
import type { CsvSource } from "./participant-csv";
import { type NikCryptoAnswer, NikCryptoWorker } from "./nik-crypto-worker";
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
 * Rows are checked, and their NIKs sent to be hashed and encrypted, in batches this small: the crypto thread
 * works on a chunk while the rest of it is still being read, not after it.
 */
const BATCH = 1_000;

/** Fewer rows than this wait for more while the file is still being read: each merge costs a statement. */
const MIN_MERGE = 2_000;

/** Thrown inside the transaction to roll back an import that turned out to have a bad row. */
const ROLL_BACK = Symbol("roll back");

/**
 * Checks a file and stores it in one transaction, chunk by chunk as it is read: while the database merges a
 * chunk (ParticipantMerge), the file is read on, its rows checked and their NIKs hashed and encrypted on a
 * thread of their own (NikCryptoWorker), so reading, encrypting and merging overlap. Each merge takes the rows
 * checked while the previous one ran (at most STORE_CHUNK): the database never waits for a chunk to fill, and
 * once the file is read only those rows are left to merge. Reading waits when a whole chunk is ready and not
 * yet taken, so memory holds a couple of chunks, not the file. The whole file is still read and every bad row
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
    chunkSize: { first: BATCH, rest: BATCH },
  });
  const registeredElsewhere: StreamedImport["registeredElsewhere"] = [];
  let valid = 0;
  let merged = 0;
  const refused = () => checked.problems.count > 0 || registeredElsewhere.length > 0;
  const crypto = NikCryptoWorker.start(keys);
  const stored = await dataSource
    .transaction(async (manager) => {
      const merge = await ParticipantMerge.open(manager, regencyCode, options);
      // Batches checked and sent to the crypto thread, not yet taken by a merge.
      const ready: { rows: ImportRow[]; answer: Promise<NikCryptoAnswer> }[] = [];
      let readyRows = 0;
      let read = false;
      let wakeMerger: (() => void) | undefined;
      let wakeReader: (() => void) | undefined;
      const wake = () => {
        wakeMerger?.();
        wakeMerger = undefined;
      };

      const merging = (async () => {
        for (;;) {
          if (!read && readyRows < MIN_MERGE) {
            await new Promise<void>((resolve) => (wakeMerger = resolve));
            continue;
          }
          if (!ready.length) return;
          const taken = [];
          let count = 0;
          while (ready.length && (!count || count + ready[0].rows.length <= STORE_CHUNK)) {
            count += ready[0].rows.length;
            taken.push(ready.shift()!);
          }
          readyRows -= count;
          wakeReader?.();
          wakeReader = undefined;
          const rows = taken.flatMap((batch) => batch.rows);
          const hashed = hashedRows(rows, joinAnswers(await Promise.all(taken.map((b) => b.answer))));
          // A chunk merged finds its rows registered elsewhere itself; one not merged only looks them up.
          const elsewhere = refused()
            ? await merge.registeredElsewhere(hashed)
            : await merge.merge(hashed, stagingText(hashed, keys));
          for (const row of elsewhere) registeredElsewhere.push(row);
          if (refused()) continue;
          merged += hashed.length;
          options.onProgress?.(merged);
        }
      })();
      let failed = false;
      // Its failure is thrown where it is awaited, once the reading below stops.
      merging.catch(() => {
        failed = true;
        wakeReader?.();
      });

      try {
        for await (const rows of checked.chunks) {
          valid += rows.length;
          // Once a row is bad nothing will be stored: the rest is only checked (elsewhere too, to report it).
          const answer = crypto.run(
            rows.map(({ nik }) => nik),
            !refused(),
          );
          answer.catch(() => undefined);
          ready.push({ rows, answer });
          readyRows += rows.length;
          wake();
          while (readyRows >= STORE_CHUNK && !failed)
            await new Promise<void>((resolve) => (wakeReader = resolve));
          if (failed) break;
        }
      } catch (error) {
        read = true;
        wake();
        await merging.catch(() => undefined);
        throw error;
      }
      read = true;
      wake();
      await merging;
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

/** The crypto thread's answers for consecutive batches, as one answer for all their rows. */
function joinAnswers(answers: NikCryptoAnswer[]): NikCryptoAnswer {
  if (answers.length === 1) return answers[0];
  return {
    hashes: answers.flatMap((answer) => answer.hashes),
    encrypted: answers.every((answer) => answer.encrypted)
      ? answers.flatMap((answer) => answer.encrypted!)
      : null,
  };
}
