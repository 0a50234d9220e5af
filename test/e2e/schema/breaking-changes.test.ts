import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { API_SCHEMA_FILE, checkBreakingChanges, compareSchemas } from "@cakupan/schema";
import {
  type FieldDefinitionNode,
  type ObjectTypeDefinitionNode,
  parse,
  parseType,
  print,
  visit,
} from "graphql";
import { afterEach, describe, expect, it } from "vitest";

/** The committed public schema, and versions of it as a later commit might change it. */
const PUBLISHED = readFileSync(API_SCHEMA_FILE, "utf8");
const FIELD = "Regency.workforceEstimates";

/** The schema with one field of an object type changed (or removed, when `change` answers null). */
function withField(
  sdl: string,
  path: string,
  change: (field: FieldDefinitionNode) => FieldDefinitionNode | null,
) {
  const [typeName, fieldName] = path.split(".");
  expect(sdl, "the schema has the field").toMatch(
    new RegExp(`^type ${typeName} [^]*?^  ${fieldName}\\b`, "m"),
  );
  const edited = visit(parse(sdl), {
    ObjectTypeDefinition(type) {
      if (type.name.value !== typeName) return undefined;
      return {
        ...type,
        fields: type.fields?.flatMap((field) =>
          field.name.value === fieldName ? (change(field) ?? []) : [field],
        ),
      };
    },
  });
  return print(edited);
}
const removed = (sdl: string, path = FIELD) => withField(sdl, path, () => null);
const DEPRECATION = (
  parse('type T { f: Int @deprecated(reason: "Use workforce.") }').definitions[0] as ObjectTypeDefinitionNode
).fields![0].directives![0];
const deprecated = (sdl: string, path = FIELD) =>
  withField(sdl, path, (field) => ({ ...field, directives: [...(field.directives ?? []), DEPRECATION] }));
const retyped = (sdl: string, type: string, path = FIELD) =>
  withField(sdl, path, (field) => ({ ...field, type: parseType(type) }));
const nullable = (sdl: string) => retyped(sdl, "[WorkforceEstimate!]");

describe("comparing two versions of the public schema", () => {
  it("finds a removed field breaking when it was not deprecated first", async () => {
    const { breaking } = await compareSchemas(PUBLISHED, removed(PUBLISHED));
    expect(breaking.map((change) => [change.type, change.path])).toEqual([["FIELD_REMOVED", FIELD]]);
  });

  it("lets a field go that the previous version had deprecated", async () => {
    const comparison = await compareSchemas(deprecated(PUBLISHED), removed(deprecated(PUBLISHED)));
    expect(comparison.breaking).toEqual([]);
    expect(comparison.dangerous.map((change) => change.path)).toEqual([FIELD]);
  });

  it("lets a field be deprecated (the first step) without complaint", async () => {
    expect((await compareSchemas(PUBLISHED, deprecated(PUBLISHED))).breaking).toEqual([]);
  });

  it("finds a field made nullable breaking: clients were promised a value", async () => {
    const { breaking } = await compareSchemas(PUBLISHED, nullable(PUBLISHED));
    expect(breaking.map((change) => [change.type, change.path])).toEqual([["FIELD_TYPE_CHANGED", FIELD]]);
  });

  it("finds nothing breaking in additions", async () => {
    const withNewField = PUBLISHED.replace(
      /^type Regency \{\n/m,
      "type Regency {\n  newField(first: Int): String\n",
    );
    expect(await compareSchemas(PUBLISHED, withNewField)).toMatchObject({ breaking: [], dangerous: [] });
  });

  it("lets a deprecated argument go, and not one that was not deprecated", async () => {
    const withArgument = (argument: string) =>
      `type Query {\n  regencies(${argument}search: String): [String!]!\n}\n`;
    const deprecated = withArgument('provinceCode: ID @deprecated(reason: "Use search."), ');
    expect((await compareSchemas(deprecated, withArgument(""))).breaking).toEqual([]);
    expect(
      (await compareSchemas(withArgument("provinceCode: ID, "), withArgument(""))).breaking,
    ).toHaveLength(1);
  });

  it("accepts a break made on purpose when it is listed, with its reason", async () => {
    const acceptance = { type: "FIELD_REMOVED", path: FIELD, reason: "Moved to workforce (issue 99)." };
    const comparison = await compareSchemas(PUBLISHED, removed(PUBLISHED), [acceptance]);
    expect(comparison.breaking).toEqual([]);
    expect(comparison.accepted.map(({ change, reason }) => [change.path, reason])).toEqual([
      [FIELD, acceptance.reason],
    ]);
  });
});

describe("the CI step, on a repository's history", () => {
  let repository: string;
  const git = (...args: string[]) =>
    execFileSync("git", args, { cwd: repository, encoding: "utf8", stdio: "pipe" }).trim();
  const commit = (message: string, files: Record<string, string | null>) => {
    for (const [path, content] of Object.entries(files)) {
      if (content === null) rmSync(join(repository, path));
      else {
        mkdirSync(join(repository, path, ".."), { recursive: true });
        writeFileSync(join(repository, path), content);
      }
    }
    git("add", "-A");
    git("commit", "--quiet", "--allow-empty", "-m", message);
  };
  const check = (base?: string) => checkBreakingChanges({ cwd: repository, base });

  afterEach(() => rmSync(repository, { recursive: true, force: true }));
  const newRepository = () => {
    repository = mkdtempSync(join(tmpdir(), "cakupan-breaking-"));
    git("init", "--quiet", "--initial-branch=main");
    git("config", "user.email", "ci@example.invalid");
    git("config", "user.name", "CI");
    commit("README", { "README.md": "# Project\n" });
  };

  it("fails the commit that removes a field not deprecated first, naming it and the way out", async () => {
    newRepository();
    commit("Publish the schema", { "schema/api.graphql": PUBLISHED });
    commit("Remove a field", { "schema/api.graphql": removed(PUBLISHED) });
    const result = await check();
    expect(result.ok).toBe(false);
    const report = result.report.join("\n");
    expect(report).toMatch(/^[0-9a-f]+ Remove a field: 1 breaking change\(s\) to the public API:$/m);
    expect(report).toContain("FIELD_REMOVED Regency.workforceEstimates");
    expect(report).toContain("Deprecate first");
  });

  it("passes the commit that removes a field deprecated in an earlier commit", async () => {
    newRepository();
    commit("Publish the schema", { "schema/api.graphql": PUBLISHED });
    commit("Deprecate a field", { "schema/api.graphql": deprecated(PUBLISHED) });
    commit("Remove the deprecated field", { "schema/api.graphql": removed(deprecated(PUBLISHED)) });
    expect(await check()).toMatchObject({ ok: true });
  });

  it("passes the first commit that adds the public schema: there is nothing to compare with", async () => {
    newRepository();
    commit("Publish the schema", { "schema/api.graphql": PUBLISHED });
    const result = await check();
    expect(result.ok).toBe(true);
    expect(result.report).toEqual([
      expect.stringMatching(
        /^[0-9a-f]+ Publish the schema: the first version of schema\/api.graphql, nothing to compare with\.$/,
      ),
      "0 change(s) of schema/api.graphql compared with the version before each: none breaks.",
    ]);
  });

  it("compares a merge with main before it: a branch cannot deprecate and remove within itself", async () => {
    newRepository();
    commit("Publish the schema", { "schema/api.graphql": PUBLISHED });
    git("switch", "--quiet", "-c", "feature");
    commit("Deprecate a field", { "schema/api.graphql": deprecated(PUBLISHED) });
    commit("Remove it", { "schema/api.graphql": removed(deprecated(PUBLISHED)) });
    git("switch", "--quiet", "main");
    git("merge", "--quiet", "--no-ff", "-m", "Merge feature", "feature");
    expect(await check()).toMatchObject({ ok: false });
  });

  it("passes a merge removing a field that main had published as deprecated", async () => {
    newRepository();
    commit("Publish the schema", { "schema/api.graphql": PUBLISHED });
    commit("Deprecate a field", { "schema/api.graphql": deprecated(PUBLISHED) });
    git("switch", "--quiet", "-c", "feature");
    commit("Remove it", { "schema/api.graphql": removed(deprecated(PUBLISHED)) });
    git("switch", "--quiet", "main");
    commit("Something else", { "README.md": "# Project, meanwhile\n" });
    git("merge", "--quiet", "--no-ff", "-m", "Merge feature", "feature");
    expect(await check()).toMatchObject({ ok: true });
  });

  it("checks every merge of a submission, not only its last commit", async () => {
    newRepository();
    commit("Publish the schema", { "schema/api.graphql": PUBLISHED });
    git("switch", "--quiet", "-c", "feature");
    commit("Remove a field", { "schema/api.graphql": removed(PUBLISHED) });
    git("switch", "--quiet", "main");
    git("merge", "--quiet", "--no-ff", "-m", "Merge feature", "feature");
    commit("Later, unrelated", { "README.md": "# Project, later\n" });
    const result = await check();
    expect(result.ok).toBe(false);
    expect(result.report.join("\n")).toMatch(/^[0-9a-f]+ Merge feature: 1 breaking change/m);
  });

  it("checks uncommitted changes too", async () => {
    newRepository();
    commit("Publish the schema", { "schema/api.graphql": PUBLISHED });
    writeFileSync(join(repository, "schema/api.graphql"), removed(PUBLISHED));
    const result = await check();
    expect(result.ok).toBe(false);
    expect(result.report.join("\n")).toContain("uncommitted changes: 1 breaking change");
  });

  it("compares a branch with where it left main, given --base", async () => {
    newRepository();
    commit("Publish the schema", { "schema/api.graphql": PUBLISHED });
    git("switch", "--quiet", "-c", "feature");
    commit("Remove a field", { "schema/api.graphql": removed(PUBLISHED) });
    commit("Unrelated", { "README.md": "# Project, later\n" });
    const result = await check("main");
    expect(result.ok).toBe(false);
    expect(result.report[0]).toMatch(
      /^the working tree against the merge base of main and HEAD \([0-9a-f]+ Publish the schema\)/,
    );
  });

  it("accepts a listed break once: an acceptance the base already held accepts nothing more", async () => {
    newRepository();
    commit("Publish the schema", { "schema/api.graphql": PUBLISHED });
    const acceptances = JSON.stringify([
      { type: "FIELD_TYPE_CHANGED", path: FIELD, reason: "Agreed in issue 14." },
    ]);
    const madeNullable = nullable(PUBLISHED);
    commit("Make it nullable, on purpose", {
      "schema/api.graphql": madeNullable,
      "schema/accepted-breaking-changes.json": acceptances,
    });
    const accepted = await check();
    expect(accepted.ok).toBe(true);
    expect(accepted.report.join("\n")).toContain(
      "accepted breaking change: Field 'Regency.workforceEstimates' changed type",
    );
    commit("Change its type again", { "schema/api.graphql": retyped(madeNullable, "[WorkforceEstimate]") });
    expect(await check()).toMatchObject({ ok: false });
  });
});
