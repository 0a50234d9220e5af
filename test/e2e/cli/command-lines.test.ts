import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/** Every command a user runs, compiled as npm test builds it, with the npm script that runs it. */
const ROOT = join(__dirname, "..", "..", "..");
const CLIS = [
  { script: "npm run token", path: "launcher/dist/token.js", args: [] },
  {
    script: "npm run import",
    path: "subgraphs/participants/dist/registry/registry-cli.js",
    args: ["import"],
  },
  {
    script: "npm run generate",
    path: "subgraphs/participants/dist/registry/registry-cli.js",
    args: ["generate"],
  },
  {
    script: "npm run import-coverage",
    path: "subgraphs/participants/dist/coverage/coverage-import-cli.js",
    args: [],
  },
  {
    script: "npm run migrate -w @cakupan/regencies",
    path: "subgraphs/regencies/dist/cli.js",
    args: ["migrate"],
  },
  {
    script: "npm run seed -w @cakupan/participants",
    path: "subgraphs/participants/dist/cli.js",
    args: ["seed"],
  },
  { script: "npm run seed -w @cakupan/awards", path: "subgraphs/awards/dist/cli.js", args: ["seed"] },
  { script: "npm run compose", path: "schema/dist/compose.js", args: [] },
  { script: "npm start", path: "launcher/dist/stack.js", args: [] },
];

const run = (path: string, args: string[]) => {
  expect(existsSync(join(ROOT, path)), `${path} is missing: npm test builds it first`).toBe(true);
  // No database anywhere: a command that got past its arguments would fail differently.
  const env = { ...process.env, DATABASE_URL: "", AUTH_JWT_SECRET: "" };
  return spawnSync(process.execPath, [join(ROOT, path), ...args], {
    cwd: ROOT,
    env,
    encoding: "utf8",
    timeout: 20_000,
  });
};

describe.each(CLIS)("$script", ({ path, args }) => {
  it("answers --help with its usage and exit code 0", () => {
    const result = run(path, [...args, "--help"]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^usage: /);
    expect(result.stderr).toBe("");
  });

  it("refuses an unknown option in one line naming it, with exit code 2 and no stack trace", () => {
    const result = run(path, [...args, "--frobnicate"]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(/^unknown option --frobnicate \(.+ --help shows the usage\)$/),
    ]);
  });
});

describe("a command missing what it needs", () => {
  it("says what to give in one line, with exit code 2", () => {
    const result = run("subgraphs/participants/dist/registry/registry-cli.js", [
      "import",
      "--regency",
      "16.06",
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(
      "give the CSV file to import (npm run import -- --help shows the usage)",
    );
  });

  it("names an unknown command", () => {
    const result = run("subgraphs/regencies/dist/cli.js", ["migrat"]);
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(
      "unknown command migrat (npm run migrate -w @cakupan/regencies -- --help shows the usage)",
    );
  });
});
