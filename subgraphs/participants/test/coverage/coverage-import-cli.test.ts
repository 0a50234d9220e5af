import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownParticipantsDatabase } from "../../../../test/support/servers";

/** npm run import-coverage as a branch office runs it, compiled. */
const CLI = join(__dirname, "..", "..", "dist", "coverage", "coverage-import-cli.js");
let database: { url: string; drop(): Promise<void> };
let dir: string;

beforeAll(async () => {
  expect(existsSync(CLI), "npm test builds the CLI first (npm run build)").toBe(true);
  database = await ownParticipantsDatabase("coverage_cli");
  dir = mkdtempSync(join(tmpdir(), "cakupan-coverage-cli-"));
});
afterAll(async () => {
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

const SOURCE = [
  "--publisher",
  "Test fixture",
  "--title",
  "Monthly coverage of 16.07 (made up for this test)",
];
const run = (...args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], {
    env: { ...process.env, DATABASE_URL: database.url },
    encoding: "utf8",
  });

const reportCount = async () => {
  const { Client } = await import("pg");
  const client = new Client({ connectionString: database.url });
  await client.connect();
  const { rows } = await client.query(
    "SELECT count(*)::int AS n FROM coverage_report WHERE regency_code = '16.07'",
  );
  await client.end();
  return rows[0].n as number;
};

const table = (rows: string[]) => ["kode_kabupaten,posisi,peserta", ...rows].join("\n");

describe("npm run import-coverage", () => {
  it("lists every bad row with line and column, stores nothing and exits 1", async () => {
    const file = join(dir, "bad.csv");
    writeFileSync(file, table(["1607,2025-01,1000", "16.99,2025-02,1100", "16.07,2025-03,minus"]));
    const result = run(file, ...SOURCE);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("line 3, kode_kabupaten: No regency has the code 16.99");
    expect(result.stdout).toContain('line 4, peserta: "minus" is not a number of persons');
    expect(result.stdout).toContain("Nothing was stored");
    expect(await reportCount()).toBe(0);
  });

  it("stores a clean table once: a second run stores nothing new", async () => {
    const file = join(dir, "good.csv");
    writeFileSync(file, table(["1607,2025-01,1000", "16.07,2025-02,1100"]));
    const first = run(file, ...SOURCE);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain("stored: 2 new, 0 updated, 0 unchanged");
    expect(run(file, ...SOURCE).stdout).toContain("stored: 0 new, 0 updated, 2 unchanged");
    expect(await reportCount()).toBe(2);
  });

  it("refuses a table without its source, exit code 2", () => {
    const result = run(join(dir, "good.csv"));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("the table's source");
  });
});
