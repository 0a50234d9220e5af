import { createReadStream, createWriteStream, existsSync, readFileSync, statSync } from "node:fs";
import { userInfo } from "node:os";
import { join } from "node:path";
import {
  areaMasterRegions,
  audit,
  exitWithUsageError,
  type Identity,
  openDataSource,
  parseCommandLine,
} from "@cakupan/kit";
import { Presets, SingleBar } from "cli-progress";
import { participantsSubgraph } from "../index";
import { type NikKeys, requireNikKeys } from "./nik-crypto";
import { type ImportRow, type ParsedImport, parseParticipantCsv } from "./participant-import";
import { importParticipantCsv } from "./participant-import-stream";
import { RegisteredElsewhere, storeParticipants } from "./participant-store";
import { csvLine, SYNTHETIC_HEADER, syntheticRows } from "./synthetic";

/**
 * npm run import -- file.csv --regency 16.06 [--dry-run]
 * npm run generate -- participants --regency 16.06 --count 100000 [--csv out.csv] [--seed 1]
 * Against DATABASE_URL (the participants database), or the one `npm start` runs (.data/stack.json).
 */
const ROOT = join(__dirname, "..", "..", "..", "..");

const IMPORT_USAGE = `usage: npm run import -- file.csv --regency 16.06 [--dry-run]

Checks a labour office's CSV of workers for a regency and stores it in the participant registry, against
DATABASE_URL (the participants database) or the stack npm start runs. Every bad row is listed with its line
and column; a file with any problem stores nothing.

  --regency   the enrolling regency: a Kemendagri code like 16.06 (or 1606), or a name like "Kota Malang"
  --dry-run   check only, store nothing`;

const GENERATE_USAGE = `usage: npm run generate -- participants --regency 16.06 --count 100000 [--csv out.csv] [--seed 1]

Makes plausible, structurally valid, made-up workers of a regency: into the registry, every record marked
synthetic, or into a CSV file the import accepts.

  --regency   a Kemendagri regency code like 16.06
  --count     how many workers
  --csv       write them to this file instead of the registry
  --seed      the same seed gives the same people (default 1)`;

const USAGE = `usage: registry-cli <import|generate> ...   (npm run import -- --help, npm run generate -- --help)`;

function importOptions(argv: string[]) {
  const { values: flags, positionals: positional } = parseCommandLine(argv, {
    allowPositionals: true,
    options: { regency: { type: "string" }, "dry-run": { type: "boolean" } },
    usage: IMPORT_USAGE,
    help: "npm run import -- --help",
  });
  return { flags, positional };
}

function generateOptions(argv: string[]) {
  const { values: flags, positionals: positional } = parseCommandLine(argv, {
    allowPositionals: true,
    options: {
      regency: { type: "string" },
      count: { type: "string" },
      csv: { type: "string" },
      seed: { type: "string" },
    },
    usage: GENERATE_USAGE,
    help: "npm run generate -- --help",
  });
  return { flags, positional };
}

function environment(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  const stackFile = join(ROOT, ".data", "stack.json");
  if (existsSync(stackFile)) {
    const stack = JSON.parse(readFileSync(stackFile, "utf8"));
    env.DATABASE_URL ??= stack.databases?.participants;
    env.NIK_ENCRYPTION_KEY ??= stack.nikEncryptionKey;
    env.NIK_HASH_KEY ??= stack.nikHashKey;
  }
  if (!env.DATABASE_URL)
    throw new Error(
      "Set DATABASE_URL to the participants database, or run npm start first (it records its own in .data/stack.json).",
    );
  return env;
}

function progressBar(label: string, total: number) {
  const bar = new SingleBar(
    { format: `  {bar} {percentage}% | {value}/{total} ${label} | {eta}s left`, hideCursor: true },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  return bar;
}

const cliIdentity = (): Identity => ({
  subject: `cli:${userInfo().username}`,
  role: "admin",
  regencies: [],
  client: { ip: null, userAgent: "cakupan-registry-cli" },
});

async function store(rows: ImportRow[], regency: string, env: NodeJS.ProcessEnv, synthetic: boolean) {
  const keys = requireNikKeys(env);
  const db = await openDataSource(participantsSubgraph, env.DATABASE_URL!);
  try {
    await db.runMigrations();
    const bar = progressBar("rows", rows.length);
    const started = Date.now();
    const result = await db
      .transaction(async (manager) => {
        const stored = await storeParticipants(manager, rows, regency, keys, {
          synthetic,
          onProgress: (done) => bar.update(done),
        });
        await audit(manager, cliIdentity(), {
          action: synthetic ? "generateParticipants" : "importParticipants",
          entity: "Participant",
          recordIds: stored.ids,
          details: { regencyCode: regency, synthetic },
        });
        return stored;
      })
      .catch((error) => {
        bar.stop();
        if (!(error instanceof RegisteredElsewhere)) throw error;
        printRegisteredElsewhere(error.rows);
        process.exitCode = 1;
        return null;
      });
    if (!result) return;
    bar.stop();
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `stored: ${result.inserted} new, ${result.updated} updated, ${result.unchanged} unchanged in ${seconds.toFixed(1)} s (${Math.round(rows.length / seconds)} rows/s)`,
    );
  } finally {
    await db.destroy();
  }
}

async function importCommand(argv: string[]) {
  const { flags, positional } = importOptions(argv);
  const [file, ...extra] = positional;
  if (!file) exitWithUsageError("give the CSV file to import", "npm run import -- --help");
  if (extra.length)
    exitWithUsageError(`one file at a time, not ${positional.join(", ")}`, "npm run import -- --help");
  if (typeof flags.regency !== "string")
    exitWithUsageError("give the enrolling regency: --regency 16.06", "npm run import -- --help");
  const enrolling = areaMasterRegions().resolve(flags.regency);
  if (enrolling.status !== "resolved")
    exitWithUsageError(`--regency: ${enrolling.message}`, "npm run import -- --help");
  const regency = enrolling.code;
  console.log(`Enrolling regency: ${enrolling.name} (${enrolling.code}).`);
  let registry: { env: NodeJS.ProcessEnv; keys: NikKeys } | undefined;
  let unconfigured: unknown;
  try {
    if (!flags["dry-run"]) {
      const env = environment();
      registry = { env, keys: requireNikKeys(env) };
    }
  } catch (error) {
    unconfigured = error;
  }
  if (registry) return importAndStore(file, regency, registry.env, registry.keys);
  // Checking alone needs no database: the file's problems are reported even where none is configured.
  // Read as a stream: memory follows the rows kept, not the file's size.
  const parsed = await parseParticipantCsv(createReadStream(file), regency);
  printReport(file, { ...parsed, valid: parsed.rows.length });
  if (parsed.problems.count) {
    console.log("Nothing was stored: fix the rows above and import again.");
    process.exitCode = 1;
    return;
  }
  if (flags["dry-run"]) return console.log("Dry run: nothing stored.");
  throw unconfigured;
}

/** The file checked and stored in one transaction, its chunks merged while the next ones are read. */
async function importAndStore(file: string, regency: string, env: NodeJS.ProcessEnv, keys: NikKeys) {
  const db = await openDataSource(participantsSubgraph, env.DATABASE_URL!);
  try {
    await db.runMigrations();
    const bar = progressBar("KB read", Math.ceil(statSync(file).size / 1024));
    let read = 0;
    async function* counted(input: AsyncIterable<Buffer>) {
      for await (const chunk of input) {
        read += chunk.length;
        bar.update(Math.floor(read / 1024));
        yield chunk;
      }
    }
    const started = Date.now();
    const outcome = await importParticipantCsv(db, counted(createReadStream(file)), regency, keys, {
      audit: (manager, stored) =>
        audit(manager, cliIdentity(), {
          action: "importParticipants",
          entity: "Participant",
          recordIds: stored.ids,
          details: { regencyCode: regency, synthetic: false },
        }),
    }).finally(() => bar.stop());
    const seconds = (Date.now() - started) / 1000;
    printReport(file, outcome);
    if (outcome.problems.count) {
      console.log("Nothing was stored: fix the rows above and import again.");
      process.exitCode = 1;
      return;
    }
    if (!outcome.stored) {
      printRegisteredElsewhere(outcome.registeredElsewhere);
      process.exitCode = 1;
      return;
    }
    const { inserted, updated, unchanged } = outcome.stored;
    console.log(
      `stored: ${inserted} new, ${updated} updated, ${unchanged} unchanged in ${seconds.toFixed(1)} s (${Math.round(outcome.valid / seconds)} rows/s, read, checked and stored)`,
    );
  } finally {
    await db.destroy();
  }
}

function printRegisteredElsewhere(rows: { line: number; regencyCode: string }[]) {
  for (const row of rows.slice(0, 100))
    console.log(
      `  line ${row.line}, nik: registered in ${row.regencyCode}: transfer it (transferParticipant) first.`,
    );
  console.log("Nothing was stored: an import never moves a participant between regencies.");
}

function printReport(
  file: string,
  parsed: Pick<ParsedImport, "problems" | "warnings" | "rowCount"> & { valid: number },
) {
  const { problems, warnings } = parsed;
  console.log(
    `${file}: ${parsed.rowCount} rows, ${parsed.valid} valid, ${problems.count} problem(s), ${warnings.count} warning(s)`,
  );
  for (const p of problems.listed.slice(0, 100)) console.log(`  line ${p.line}, ${p.column}: ${p.message}`);
  if (problems.count > 100) {
    console.log(
      `  ... and ${problems.count - 100} more: ${problems
        .counts()
        .map(({ rule, count }) => `${rule} ${count}`)
        .join(", ")}`,
    );
  }
  for (const w of warnings.listed.slice(0, 20)) console.log(`  warning, line ${w.line}: ${w.message}`);
}

async function generateCommand(argv: string[]) {
  const { flags, positional } = generateOptions(argv);
  const regency = flags.regency;
  const count = Number(flags.count);
  const help = "npm run generate -- --help";
  if (positional.length !== 1 || positional[0] !== "participants")
    exitWithUsageError("say what to generate: participants", help);
  if (typeof regency !== "string") exitWithUsageError("give the regency: --regency 16.06", help);
  if (!Number.isInteger(count) || count < 1)
    exitWithUsageError("give how many: --count 1000 (a whole number from 1)", help);
  const seed = Number(flags.seed ?? 1);
  if (typeof flags.csv === "string") {
    const out = createWriteStream(flags.csv);
    out.write(`${SYNTHETIC_HEADER.join(",")}\n`);
    for (const row of syntheticRows(regency, count, seed)) out.write(`${csvLine(row)}\n`);
    await new Promise((resolve) => out.end(resolve));
    return console.log(`wrote ${count} synthetic participants of ${regency} to ${flags.csv}`);
  }
  const csv = [SYNTHETIC_HEADER.join(","), ...[...syntheticRows(regency, count, seed)].map(csvLine)].join(
    "\n",
  );
  const parsed = await parseParticipantCsv(csv, regency);
  if (parsed.problems.count)
    throw new Error(`generated rows failed validation: ${parsed.problems.listed[0].message}`);
  await store(parsed.rows, regency, environment(), true);
}

const [command, ...rest] = process.argv.slice(2);
const commands: Record<string, (argv: string[]) => Promise<void>> = {
  import: importCommand,
  generate: generateCommand,
};
if (command === "--help" || command === "-h") {
  console.log(USAGE);
  process.exit(0);
}
if (!commands[command])
  exitWithUsageError(
    command ? `unknown command ${command}` : "give a command, import or generate",
    "registry-cli --help",
  );
commands[command](rest).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
