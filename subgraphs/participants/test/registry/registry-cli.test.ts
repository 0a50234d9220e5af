import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import "../../../../test/support/auth";
import { ownParticipantsDatabase } from "../../../../test/support/servers";

/** The registry CLI as a labour office runs it: npm run generate / npm run import, compiled. */
const CLI = join(__dirname, "..", "..", "dist", "registry", "registry-cli.js");
let database: { url: string; drop(): Promise<void> };
let dir: string;

beforeAll(async () => {
  expect(existsSync(CLI), "npm test builds the CLI first (npm run build)").toBe(true);
  database = await ownParticipantsDatabase("cli");
  dir = mkdtempSync(join(tmpdir(), "cakupan-cli-"));
});
afterAll(async () => {
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

const run = (...args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], {
    env: { ...process.env, DATABASE_URL: database.url },
    encoding: "utf8",
  });

const count = async (where = "true") => {
  const { Client } = await import("pg");
  const client = new Client({ connectionString: database.url });
  await client.connect();
  const { rows } = await client.query(`SELECT count(*)::int AS n FROM participant WHERE ${where}`);
  await client.end();
  return rows[0].n as number;
};

describe("the registry CLI", () => {
  it("generates synthetic participants into a CSV file the import accepts", () => {
    const file = join(dir, "muba.csv");
    const generated = run("generate", "participants", "--regency", "16.06", "--count", "500", "--csv", file);
    expect(generated.status, generated.stderr).toBe(0);
    expect(readFileSync(file, "utf8").split("\n").filter(Boolean)).toHaveLength(501);
    const dryRun = run("import", file, "--regency", "16.06", "--dry-run");
    expect(dryRun.stdout).toContain("500 rows, 500 valid, 0 problem(s)");
    expect(dryRun.stdout).toContain("Dry run: nothing stored.");
  });

  it("imports a file, and a second import of it stores nothing new", async () => {
    const file = join(dir, "muba.csv");
    const first = run("import", file, "--regency", "16.06");
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/stored: 500 new, 0 updated, 0 unchanged/);
    const again = run("import", file, "--regency", "16.06");
    expect(again.stdout).toMatch(/stored: 0 new, 0 updated, 500 unchanged/);
    expect(await count()).toBe(500);
    expect(await count("synthetic")).toBe(0);
  });

  it("lists every bad row with line and column, exits non-zero, and stores nothing", async () => {
    const bad = join(dir, "bad.csv");
    const lines = readFileSync(join(dir, "muba.csv"), "utf8").split("\n");
    lines[3] = lines[3].replace(/^(\d{15})\d/, "$1");
    writeFileSync(bad, lines.join("\n"));
    const result = run("import", bad, "--regency", "16.06");
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("line 4, nik: NIK has 15 digits; a NIK has 16.");
    expect(result.stdout).toContain("Nothing was stored");
  });

  it("generates straight into the registry, every record marked synthetic", async () => {
    const result = run("generate", "participants", "--regency", "16.10", "--count", "300", "--seed", "4");
    expect(result.status, result.stderr).toBe(0);
    expect(await count("synthetic AND regency_code = '16.10'")).toBe(300);
  });
});
