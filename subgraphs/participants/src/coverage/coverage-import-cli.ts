import { createReadStream, existsSync, readFileSync } from "node:fs";
import { userInfo } from "node:os";
import { join } from "node:path";
import {
  audit,
  exitWithUsageError,
  type Identity,
  openDataSource,
  parseCommandLine,
  resolveSourceInput,
  type SourceInput,
  sourceInputViolations,
} from "@cakupan/kit";
import { participantsSubgraph } from "../index";
import { parseCoverageCsv, storeCoverageReports } from "./coverage-import";

/**
 * npm run import-coverage -- file.csv --publisher "BPJS Ketenagakerjaan Cabang Sekayu" --title "..." [--dry-run]
 * Against DATABASE_URL (the participants database), or the one `npm start` runs (.data/stack.json).
 */
const ROOT = join(__dirname, "..", "..", "..", "..");
const HELP = "npm run import-coverage -- --help";

const USAGE = `usage: npm run import-coverage -- file.csv (--source-id ID | --publisher NAME --title TITLE [--link URL] [--published-on 2025-08-05]) [--dry-run]

Checks a table of monthly coverage figures and stores it, against DATABASE_URL (the participants database) or
the stack npm start runs. One row per regency, date and optional segment; columns kode_kabupaten (16.06 or
1606), posisi (2025-07-31, 31/07/2025 or the month 2025-07), peserta, and optionally segmen (empty: the
total), ukuran (aktif/terdaftar), status (dilaporkan/perkiraan), catatan. Every bad row is listed with its
line, column and reason; a file with any problem stores nothing; importing it again stores nothing new.

  --source-id      a source already known (its id)
  --publisher      who publishes the table (with --title or --link)
  --title          the table's title
  --link           where it can be read
  --published-on   its publication date
  --dry-run        check only, store nothing`;

function environment(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  const stackFile = join(ROOT, ".data", "stack.json");
  if (existsSync(stackFile))
    env.DATABASE_URL ??= JSON.parse(readFileSync(stackFile, "utf8")).databases?.participants;
  if (!env.DATABASE_URL)
    throw new Error(
      "Set DATABASE_URL to the participants database, or run npm start first (it records its own in .data/stack.json).",
    );
  return env;
}

const cliIdentity = (): Identity => ({
  subject: `cli:${userInfo().username}`,
  role: "admin",
  regencies: [],
  client: { ip: null, userAgent: "cakupan-import-coverage" },
});

async function main(argv: string[]) {
  const { values: flags, positionals } = parseCommandLine(argv, {
    allowPositionals: true,
    options: {
      "source-id": { type: "string" },
      publisher: { type: "string" },
      title: { type: "string" },
      link: { type: "string" },
      "published-on": { type: "string" },
      "dry-run": { type: "boolean" },
    },
    usage: USAGE,
    help: HELP,
  });
  const [file, ...extra] = positionals;
  if (!file) exitWithUsageError("give the CSV file to import", HELP);
  if (extra.length) exitWithUsageError(`one file at a time, not ${positionals.join(", ")}`, HELP);
  const publishedOn = flags["published-on"];
  if (publishedOn !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(publishedOn))
    exitWithUsageError(`--published-on takes a date like 2025-08-05, not ${publishedOn}`, HELP);
  const source: SourceInput = {
    id: flags["source-id"] ?? null,
    publisher: flags.publisher ?? null,
    title: flags.title ?? null,
    link: flags.link ?? null,
    publishedOn: publishedOn ? new Date(`${publishedOn}T00:00:00Z`) : null,
  };
  const sourceProblems = sourceInputViolations(source);
  if (sourceProblems.length)
    exitWithUsageError(
      `the table's source: ${sourceProblems.map((p) => p.message).join(" ")} (--source-id, or --publisher with --title or --link)`,
      HELP,
    );

  const parsed = await parseCoverageCsv(createReadStream(file), cliIdentity());
  const { problems } = parsed;
  console.log(
    `${file}: ${parsed.rowCount} rows, ${parsed.rows.length} valid, ${parsed.reports.length} reports, ${problems.count} problem(s)`,
  );
  for (const p of problems.listed.slice(0, 100)) console.log(`  line ${p.line}, ${p.column}: ${p.message}`);
  if (problems.count) {
    console.log("Nothing was stored: fix the rows above and import again.");
    process.exitCode = 1;
    return;
  }
  if (flags["dry-run"]) return console.log("Dry run: nothing stored.");

  const db = await openDataSource(participantsSubgraph, environment().DATABASE_URL!);
  try {
    await db.runMigrations();
    const result = await db.transaction(async (manager) => {
      const found = await resolveSourceInput(manager, source);
      if (!found)
        throw new Error(`No source has the id "${source.id}": give --publisher and --title instead.`);
      const stored = await storeCoverageReports(manager, parsed.reports, found.id);
      await audit(manager, cliIdentity(), {
        action: "importCoverageReports",
        entity: "CoverageReport",
        recordIds: stored.ids,
        details: {
          sourceId: found.id,
          rows: parsed.rowCount,
          inserted: stored.inserted,
          updated: stored.updated,
        },
      });
      return stored;
    });
    console.log(`stored: ${result.inserted} new, ${result.updated} updated, ${result.unchanged} unchanged`);
  } finally {
    await db.destroy();
  }
}

main(process.argv.slice(2)).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
