import { Readable } from "node:stream";
import { CsvError, parse } from "csv-parse";

/**
 * The CSV files labour offices send, read record by record: memory stays flat in the file's size. The
 * delimiter is the header line's (Excel in an Indonesian locale writes ";", others ","); a byte order mark,
 * CRLF line ends and line breaks inside quoted values are read as such. Each record carries the line it
 * starts on (the header is line 1), counting the lines a quoted value spans.
 */
export type CsvSource = string | AsyncIterable<string | Buffer>;

export interface CsvRecord {
  line: number;
  /** Values by normalised header (lowercase, spaces and dashes as underscores). */
  values: Record<string, string>;
}

/** What went wrong reading the file itself (an unclosed quote): the line, and csv-parse's reason. */
export class UnreadableCsv extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

export const normaliseHeader = (header: string) =>
  header
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");

/** ";" when the header line has more semicolons than commas outside quotes, else ",". */
export function detectDelimiter(headerLine: string): ";" | "," {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const character of headerLine) {
    if (character === '"') quoted = !quoted;
    else if (!quoted && character === ";") semicolons += 1;
    else if (!quoted && character === ",") commas += 1;
  }
  return semicolons > commas ? ";" : ",";
}

const CHUNK = 64 * 1024;

/** The source as text chunks of at most 64 KB, so the parser's backpressure works on a large string too. */
async function* textChunks(source: CsvSource): AsyncGenerator<string> {
  if (typeof source === "string") {
    for (let start = 0; start < source.length; start += CHUNK) yield source.slice(start, start + CHUNK);
    return;
  }
  const decoder = new TextDecoder("utf-8");
  for await (const chunk of source)
    yield typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
  const rest = decoder.decode();
  if (rest) yield rest;
}

/** The header's normalised names, then every record; throws UnreadableCsv where the file stops being CSV. */
export async function* readCsv(
  source: CsvSource,
  onHeader: (headers: string[]) => void,
): AsyncGenerator<CsvRecord> {
  const chunks = textChunks(source);
  // The header line decides the delimiter: read until it is whole (not with for-await, whose break would
  // close the source).
  let head = "";
  while (!/[\r\n]/.test(head)) {
    const next = await chunks.next();
    if (next.done) break;
    head += next.value;
  }
  const delimiter = detectDelimiter(head.replace(/^\uFEFF/, "").split(/\r?\n|\r/, 1)[0]);
  const parser = parse({
    delimiter,
    bom: true,
    trim: true,
    skip_empty_lines: true,
    relax_column_count: true,
    info: true,
    columns: (headers: string[]) => {
      const names = headers.map(normaliseHeader);
      onHeader(names);
      return names;
    },
  });
  const input = Readable.from(
    (async function* () {
      if (head) yield head;
      yield* chunks;
    })(),
  );
  input.pipe(parser);
  input.on("error", (error) => parser.destroy(error));
  let previousEnd = 1;
  let previousEmpty = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number; empty_lines: number };
    }>) {
      const line = previousEnd + 1 + (info.empty_lines - previousEmpty);
      previousEnd = info.lines;
      previousEmpty = info.empty_lines;
      yield { line, values: record };
    }
  } catch (error) {
    if (error instanceof CsvError)
      throw new UnreadableCsv((error as { lines?: number }).lines ?? previousEnd + 1, error.message);
    throw error;
  } finally {
    input.destroy();
  }
}

const YIELD_EVERY = 200;

/**
 * Every record of the file through checkRow, counted in `tally.rowCount`, the rows it accepts handed on in
 * chunks as the file is read, the first of at most `size.first`, the others of `size.rest` (none when the header lacks a required column): a caller can
 * store one chunk while the next is read. Where the file stops being CSV, one CSV_UNREADABLE problem at
 * that line instead of a crash; the rows before it are still checked and reported.
 */
export async function* checkInChunks<Row>(
  source: CsvSource,
  header: HeaderColumns<string>,
  checkRow: (line: number, values: Record<string, string>) => Row | null | undefined,
  problems: ProblemSink,
  size: { first: number; rest: number },
  tally: { rowCount: number },
): AsyncGenerator<Row[]> {
  let rows: Row[] = [];
  let limit = size.first;
  try {
    for await (const { line, values } of readCsv(source, header.onHeader)) {
      tally.rowCount += 1;
      // Reading a string never waits for I/O: let the event loop in now and then, so a database round trip
      // running beside the parse (a chunk being stored) is answered when it is done, not when the file is.
      if (tally.rowCount % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
      if (header.missing().length) continue;
      const row = checkRow(line, values);
      if (!row) continue;
      rows.push(row);
      if (rows.length === limit) {
        yield rows;
        rows = [];
        limit = size.rest;
      }
    }
  } catch (error) {
    if (!(error instanceof UnreadableCsv)) throw error;
    problems.add({
      line: error.line,
      column: "",
      rule: "CSV_UNREADABLE",
      message: `The file stops being CSV here: ${error.message}`,
    });
  }
  if (rows.length) yield rows;
}

/** Every record of the file through checkRow (see checkInChunks), the rows it accepts kept whole. */
export async function checkEveryRow<Row>(
  source: CsvSource,
  header: HeaderColumns<string>,
  checkRow: (line: number, values: Record<string, string>) => Row | null | undefined,
  problems: ProblemSink,
): Promise<{ rows: Row[]; rowCount: number }> {
  const rows: Row[] = [];
  const tally = { rowCount: 0 };
  for await (const chunk of checkInChunks(
    source,
    header,
    checkRow,
    problems,
    { first: 10_000, rest: 10_000 },
    tally,
  ))
    for (const row of chunk) rows.push(row);
  return { rows, rowCount: tally.rowCount };
}

type ProblemSink = { add(problem: { line: number; column: string; rule: string; message: string }): void };

export interface HeaderColumns<Column extends string> {
  /** The name the file uses for each column, once its header is read; undefined where it has none. */
  columnOf: Record<Column, string | undefined>;
  /** The required columns the header lacks. */
  missing(): Column[];
  onHeader(headers: string[]): void;
}

/**
 * A file's header read against the columns an import accepts, each under any of its names (Indonesian or
 * English): which name the file uses, and a HEADER_MISSING_COLUMN problem for each required column it lacks.
 */
export function headerColumns<Column extends string>(
  accepted: Record<Column, readonly string[]>,
  required: readonly Column[],
  problems: ProblemSink,
): HeaderColumns<Column> {
  const columnOf = {} as Record<Column, string | undefined>;
  let missing: Column[] = [];
  return {
    columnOf,
    missing: () => missing,
    onHeader(headers) {
      for (const [column, names] of Object.entries(accepted) as [Column, readonly string[]][])
        columnOf[column] = names.find((name) => headers.includes(name));
      missing = required.filter((column) => !columnOf[column]);
      for (const column of missing) {
        const [name, ...others] = accepted[column];
        problems.add({
          line: 1,
          column: name,
          rule: "HEADER_MISSING_COLUMN",
          message: `The header has no ${name} column (also accepted: ${others.join(", ")}).`,
        });
      }
    },
  };
}
