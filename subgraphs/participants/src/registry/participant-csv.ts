import { finished } from "node:stream/promises";
import { CsvError, type Parser, parse } from "csv-parse";

/**
 * The CSV files labour offices send, read record by record: memory stays flat in the file's size. The
 * delimiter is the header line's (Excel in an Indonesian locale writes ";", others ","); a byte order mark,
 * CRLF line ends and line breaks inside quoted values are read as such. Each record carries the line it
 * starts on (the header is line 1), counting the lines a quoted value spans.
 */
export type CsvSource = string | AsyncIterable<string | Buffer>;

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

/** What csv-parse tells of the record it hands to on_record: the lines read up to its end. */
interface RecordContext {
  lines: number;
  empty_lines: number;
}

/**
 * csv-parse hands on_record a copy of its counts for each record (two object spreads: a tenth of reading a
 * file, with the garbage they leave), of which a record needs its line alone. Where the parser still makes
 * that copy in the method this replaces (csv-parse 5 and 6), on_record is handed the live counts instead,
 * read at once and never kept; any other parser is left as it is and hands its copies.
 */
function withLiveRecordContext(parser: Parser): void {
  const api = (parser as unknown as { api?: { info?: Partial<RecordContext>; __infoRecord?: unknown } }).api;
  if (api && typeof api.__infoRecord === "function" && typeof api.info?.lines === "number")
    api.__infoRecord = () => api.info;
}

/**
 * Every record of the file, as its values in the header's order, handed to `onRecord` with the line it starts
 * on; `onHeader` first, with the header's normalised names. Yields after each text chunk read (a caller takes
 * what its handlers gathered); throws UnreadableCsv where the file stops being CSV, after every record before
 * that was handed on. Each record is handled inside csv-parse's on_record hook and never leaves the parser
 * as an object of its own: no stream buffering, promise or object per record beyond the hook's, which were
 * most of what reading a large file cost.
 */
export async function* readCsvRecords(
  source: CsvSource,
  onHeader: (headers: string[]) => void,
  onRecord: (line: number, values: string[]) => void,
): AsyncGenerator<void> {
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
  let header = true;
  let previousEnd = 1;
  let previousEmpty = 0;
  const parser = parse({
    delimiter,
    bom: true,
    trim: true,
    skip_empty_lines: true,
    relax_column_count: true,
    on_record: (values: string[], context: RecordContext) => {
      if (header) {
        header = false;
        onHeader(values.map(normaliseHeader));
      } else {
        onRecord(previousEnd + 1 + (context.empty_lines - previousEmpty), values);
      }
      previousEnd = context.lines;
      previousEmpty = context.empty_lines;
      // Handled here: nothing goes on to the parser's readable side.
      return null;
    },
  });
  withLiveRecordContext(parser);
  // That side only ever ends: let it, so the parser finishes. Its errors reach write() and finished().
  parser.resume();
  parser.on("error", () => undefined);
  const write = (text: string) =>
    new Promise<void>((resolve, reject) =>
      parser.write(text, (error) => (error ? reject(error) : resolve())),
    );
  try {
    if (head) {
      await write(head);
      yield;
    }
    for await (const text of chunks) {
      await write(text);
      yield;
    }
    parser.end();
    await finished(parser);
  } catch (error) {
    if (error instanceof CsvError)
      throw new UnreadableCsv((error as { lines?: number }).lines ?? previousEnd + 1, error.message);
    throw error;
  } finally {
    parser.destroy();
    await chunks.return(undefined);
  }
}

/**
 * Every record of the file through checkRow, counted in `tally.rowCount`, the rows it accepts handed on in
 * chunks as the file is read, the first of at most `size.first`, the others of `size.rest` (none when the header lacks a required column): a caller can
 * store one chunk while the next is read. Where the file stops being CSV, one CSV_UNREADABLE problem at
 * that line instead of a crash; the rows before it are still checked and reported.
 */
export async function* checkInChunks<Row>(
  source: CsvSource,
  header: HeaderColumns<string>,
  checkRow: (line: number, values: string[]) => Row | null | undefined,
  problems: ProblemSink,
  size: { first: number; rest: number },
  tally: { rowCount: number },
): AsyncGenerator<Row[]> {
  let rows: Row[] = [];
  let limit = size.first;
  // Chunks filled while a text chunk (64 KB) was parsed: handed on before the next one is read.
  const full: Row[][] = [];
  const onRecord = (line: number, values: string[]) => {
    tally.rowCount += 1;
    if (header.missing().length) return;
    const row = checkRow(line, values);
    if (!row) return;
    rows.push(row);
    if (rows.length === limit) {
      full.push(rows);
      rows = [];
      limit = size.rest;
    }
  };
  try {
    for await (const _ of readCsvRecords(source, header.onHeader, onRecord)) {
      yield* full.splice(0);
      // Reading a string never waits for I/O: let the event loop in after each text chunk, so a database
      // round trip running beside the parse (a chunk being stored) is answered when it is done, not when
      // the file is.
      await new Promise((resolve) => setImmediate(resolve));
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
  yield* full.splice(0);
  if (rows.length) yield rows;
}

/** Every record of the file through checkRow (see checkInChunks), the rows it accepts kept whole. */
export async function checkEveryRow<Row>(
  source: CsvSource,
  header: HeaderColumns<string>,
  checkRow: (line: number, values: string[]) => Row | null | undefined,
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
  /** Where each column's value is in a record (the last of equal names, as a header read by name). */
  indexOf: Record<Column, number | undefined>;
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
  const indexOf = {} as Record<Column, number | undefined>;
  let missing: Column[] = [];
  return {
    columnOf,
    indexOf,
    missing: () => missing,
    onHeader(headers) {
      for (const [column, names] of Object.entries(accepted) as [Column, readonly string[]][]) {
        columnOf[column] = names.find((name) => headers.includes(name));
        indexOf[column] = columnOf[column] === undefined ? undefined : headers.lastIndexOf(columnOf[column]);
      }
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
