import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import {
  type Change,
  ChangeType,
  CriticalityLevel,
  DiffRule,
  diff,
  type Rule,
} from "@graphql-inspector/core";
import { buildSchema, isInterfaceType, isObjectType } from "graphql";

/** Both paths relative to the repository's root. */
export const API_SCHEMA_PATH = "schema/api.graphql";
export const ACCEPTED_BREAKING_CHANGES_PATH = "schema/accepted-breaking-changes.json";

/**
 * A breaking change made on purpose, written into schema/accepted-breaking-changes.json by the commit
 * that makes it, with the reason. It accepts that change once: an entry the base already held accepts
 * nothing, so a later, unplanned break of the same field is caught again.
 */
export interface AcceptedBreakingChange {
  /** graphql-inspector's change type, e.g. FIELD_TYPE_CHANGED. */
  type: string;
  /** What changed, e.g. Regency.awards. */
  path: string;
  reason: string;
}

export interface SchemaComparison {
  /** Breaking changes nobody accepted: they fail the check. */
  breaking: Change[];
  accepted: { change: Change; reason: string }[];
  /** Changes that may surprise a client without breaking it (a new enum value, a deprecated field gone). */
  dangerous: Change[];
  safe: Change[];
}

/** GraphQL lets arguments be deprecated too: removing one that was is no break, as for fields. */
const deprecatedArgumentRemoval: Rule = ({ changes, oldSchema }) =>
  changes.map((change) => {
    if (
      change.type !== ChangeType.FieldArgumentRemoved ||
      change.criticality.level !== CriticalityLevel.Breaking
    ) {
      return change;
    }
    const { typeName, fieldName, removedFieldArgumentName: name } = change.meta as Record<string, string>;
    const type = oldSchema?.getType(typeName);
    const field = isObjectType(type) || isInterfaceType(type) ? type.getFields()[fieldName] : undefined;
    const deprecated = field?.args.find((argument) => argument.name === name)?.deprecationReason;
    return deprecated
      ? { ...change, criticality: { ...change.criticality, level: CriticalityLevel.Dangerous } }
      : change;
  });

/**
 * Compares two versions of the public schema. Removing a field, an argument, an input field or an enum
 * value is allowed when the old version had deprecated it; so is anything about a type no query could
 * reach. Every other breaking change (removing what was not deprecated, changing a type, adding a
 * required argument) breaks clients, unless accepted.
 */
export async function compareSchemas(
  oldSdl: string,
  newSdl: string,
  acceptances: AcceptedBreakingChange[] = [],
): Promise<SchemaComparison> {
  const rules = [
    DiffRule.suppressRemovalOfDeprecatedField,
    deprecatedArgumentRemoval,
    DiffRule.safeUnreachable,
  ];
  const changes = await diff(buildSchema(oldSdl), buildSchema(newSdl), rules);
  const comparison: SchemaComparison = { breaking: [], accepted: [], dangerous: [], safe: [] };
  for (const change of changes) {
    if (change.criticality.level === CriticalityLevel.Breaking) {
      const acceptance = acceptances.find((a) => a.type === change.type && a.path === change.path);
      if (acceptance) comparison.accepted.push({ change, reason: acceptance.reason });
      else comparison.breaking.push(change);
    } else if (change.criticality.level === CriticalityLevel.Dangerous) comparison.dangerous.push(change);
    else comparison.safe.push(change);
  }
  return comparison;
}

export interface CheckOptions {
  /** A directory inside the repository (default: the current one). */
  cwd?: string;
  /** Compare the working tree with the merge base of this ref and HEAD, as one change. */
  base?: string;
  /** How many of the latest changes along the first-parent history to check (default 100). */
  depth?: number;
}

export interface CheckResult {
  ok: boolean;
  /** What the check did and found, for a person. */
  report: string[];
}

/** One change of the public schema: a version, the one before it, and what the change accepted. */
interface Step {
  label: string;
  before: string | undefined;
  after: string;
  acceptancesBefore: string | undefined;
  acceptancesAfter: string | undefined;
}

/**
 * The CI step. Every change of schema/api.graphql along HEAD's first-parent history is compared with the
 * version before it: for a merge into main that is main before the merge, so a branch cannot deprecate
 * and remove within itself (a field must have been published deprecated), and a submission of several
 * merges is checked merge by merge, not only its last commit. Uncommitted changes count as one more step.
 * The first version of the file has nothing to be compared with. With `base`, the working tree is compared
 * with the merge base of that ref and HEAD instead, as one change (a branch's net change).
 */
export async function checkBreakingChanges(options: CheckOptions = {}): Promise<CheckResult> {
  const git = (...args: string[]) =>
    execFileSync("git", args, {
      cwd: options.cwd,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    }).trim();
  const tryGit = (...args: string[]) => {
    try {
      return git(...args);
    } catch {
      return undefined;
    }
  };
  const root = git("rev-parse", "--show-toplevel");
  const readWorkingTree = (path: string) =>
    existsSync(join(root, path)) ? readFileSync(join(root, path), "utf8") : undefined;
  const at = (commit: string, path: string) => tryGit("show", `${commit}:${path}`);
  const describe = (commit: string) => git("log", "-1", "--format=%h %s", commit).slice(0, 72);
  const workingTree = readWorkingTree(API_SCHEMA_PATH);
  if (workingTree === undefined)
    return { ok: false, report: [`${API_SCHEMA_PATH} is missing: run npm run compose.`] };

  const steps: Step[] = [];
  const notes: string[] = [];
  if (options.base) {
    const mergeBase = tryGit("merge-base", options.base, "HEAD");
    if (!mergeBase)
      return { ok: false, report: [`${options.base} and HEAD have no common commit to compare with.`] };
    steps.push({
      label: `the working tree against the merge base of ${options.base} and HEAD (${describe(mergeBase)})`,
      before: at(mergeBase, API_SCHEMA_PATH),
      after: workingTree,
      acceptancesBefore: at(mergeBase, ACCEPTED_BREAKING_CHANGES_PATH),
      acceptancesAfter: readWorkingTree(ACCEPTED_BREAKING_CHANGES_PATH),
    });
  } else {
    const head = tryGit("rev-parse", "--verify", "--quiet", "HEAD");
    if (head && workingTree !== `${at(head, API_SCHEMA_PATH) ?? ""}\n`) {
      steps.push({
        label: "uncommitted changes",
        before: at(head, API_SCHEMA_PATH),
        after: workingTree,
        acceptancesBefore: at(head, ACCEPTED_BREAKING_CHANGES_PATH),
        acceptancesAfter: readWorkingTree(ACCEPTED_BREAKING_CHANGES_PATH),
      });
    }
    const depth = String(options.depth ?? 100);
    const commits = head
      ? git("log", "--first-parent", "--format=%H", "-n", depth, "HEAD", "--", API_SCHEMA_PATH)
      : "";
    for (const commit of commits.split("\n").filter(Boolean)) {
      const parent = tryGit("rev-parse", "--verify", "--quiet", `${commit}^1^{commit}`);
      if (!parent) {
        const shallow = tryGit("rev-parse", "--is-shallow-repository") === "true";
        notes.push(
          `${describe(commit)}: not checked, ${shallow ? "its parent is not in this clone" : "a root"}.`,
        );
        continue;
      }
      steps.push({
        label: describe(commit),
        before: at(parent, API_SCHEMA_PATH),
        after: at(commit, API_SCHEMA_PATH)!,
        acceptancesBefore: at(parent, ACCEPTED_BREAKING_CHANGES_PATH),
        acceptancesAfter: at(commit, ACCEPTED_BREAKING_CHANGES_PATH),
      });
    }
  }

  const report: string[] = [];
  let broken = 0;
  let compared = 0;
  for (const step of steps) {
    if (step.before === undefined) {
      notes.push(`${step.label}: the first version of ${API_SCHEMA_PATH}, nothing to compare with.`);
      continue;
    }
    compared++;
    const acceptedBefore = readAcceptances(step.acceptancesBefore);
    const newlyAccepted = readAcceptances(step.acceptancesAfter).filter(
      (a) => !acceptedBefore.some((b) => b.type === a.type && b.path === a.path),
    );
    const comparison = await compareSchemas(step.before, step.after, newlyAccepted);
    for (const { change, reason } of comparison.accepted)
      report.push(`${step.label}: accepted breaking change: ${change.message} (${reason})`);
    for (const change of comparison.dangerous) report.push(`${step.label}: dangerous: ${change.message}`);
    if (comparison.breaking.length) {
      broken++;
      report.push(`${step.label}: ${comparison.breaking.length} breaking change(s) to the public API:`);
      for (const change of comparison.breaking)
        report.push(`  ${change.type} ${change.path ?? ""}: ${change.message}`);
      const entries = comparison.breaking.map(({ type, path }) => ({
        type,
        path,
        reason: "why this break is worth it",
      }));
      report.push(
        "  Deprecate first (@deprecated, its reason naming the replacement), publish that, remove it later;",
        "  or add a new field beside the old one. A break made on purpose is accepted by adding to",
        `  ${ACCEPTED_BREAKING_CHANGES_PATH}, in the same change: ${JSON.stringify(entries)}`,
      );
    }
  }
  report.push(...notes);
  report.push(
    broken
      ? `${broken} of ${compared} change(s) of ${API_SCHEMA_PATH} break clients.`
      : `${compared} change(s) of ${API_SCHEMA_PATH} compared with the version before each: none breaks.`,
  );
  return { ok: broken === 0, report };
}

function readAcceptances(json: string | undefined): AcceptedBreakingChange[] {
  if (!json?.trim()) return [];
  const entries: unknown = JSON.parse(json);
  const valid = (entry: unknown): entry is AcceptedBreakingChange => {
    const e = entry as Partial<AcceptedBreakingChange>;
    return (
      typeof e?.type === "string" &&
      typeof e.path === "string" &&
      typeof e.reason === "string" &&
      e.reason.trim() !== ""
    );
  };
  if (!Array.isArray(entries) || !entries.every(valid)) {
    throw new Error(
      `${ACCEPTED_BREAKING_CHANGES_PATH} must list { "type", "path", "reason" } objects, each with a reason.`,
    );
  }
  return entries;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { base: { type: "string" }, depth: { type: "string" } } });
  const result = await checkBreakingChanges({
    base: values.base,
    depth: values.depth ? Number(values.depth) : undefined,
  });
  for (const line of result.report) (result.ok ? console.log : console.error)(line);
  process.exit(result.ok ? 0 : 1);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
