import {
  FigureStatus,
  isAreaCode,
  knownRegencyCodes,
  sourceInputViolations,
  TEXT_LIMITS,
  textViolation,
  toIsoDate,
  todayInJakarta,
  type Violation,
  Violations,
} from "@cakupan/kit";
import { BreakdownDimension, CATEGORIES } from "./coverage-report.entity";
import type { CoverageReportInput } from "./coverage-report.input";

const persons = (n: number) => n.toLocaleString("en");

/** Every rule a coverage report breaks, each naming the field and saying what would be accepted. */
export function coverageReportViolations(input: CoverageReportInput, today = todayInJakarta()): Violation[] {
  const violations = new Violations();
  const add = violations.add.bind(violations);

  if (!isAreaCode("regency", input.regencyCode)) {
    add(
      "regencyCode",
      "FORMAT",
      `"${input.regencyCode}" is not a regency code: use a Kemendagri code like "16.06".`,
    );
  } else if (!knownRegencyCodes().has(input.regencyCode)) {
    add(
      "regencyCode",
      "UNKNOWN_REGENCY",
      `No regency has the code "${input.regencyCode}": check it against regencies(search: ...).`,
    );
  }

  const asOf = toIsoDate(input.asOf);
  if (asOf > today)
    add(
      "asOf",
      "NOT_IN_FUTURE",
      `asOf ${asOf} is in the future (today is ${today}): a report states figures already reached.`,
    );

  if (!Number.isInteger(input.activeParticipants) || input.activeParticipants < 0) {
    add(
      "activeParticipants",
      "NON_NEGATIVE",
      `activeParticipants must be 0 or more, got ${input.activeParticipants}.`,
    );
  }
  if (input.status === FigureStatus.COMPUTED) {
    add(
      "status",
      "REPORTED_OR_ESTIMATE",
      "status COMPUTED is for figures Cakupan derives; a report is REPORTED or ESTIMATE.",
    );
  }

  const seen = new Set<string>();
  const sums = new Map<BreakdownDimension, number>();
  input.parts.forEach((part, index) => {
    const field = `parts[${index}]`;
    if (!Number.isInteger(part.persons) || part.persons < 0)
      add(`${field}.persons`, "NON_NEGATIVE", `${field}.persons must be 0 or more, got ${part.persons}.`);
    if (seen.has(part.category))
      add(
        `${field}.category`,
        "ONCE_PER_CATEGORY",
        `${part.category} appears more than once in parts: give each category once.`,
      );
    seen.add(part.category);
    const { dimension } = CATEGORIES[part.category];
    sums.set(dimension, (sums.get(dimension) ?? 0) + Math.max(0, part.persons));
  });
  for (const [dimension, sum] of sums) {
    if (input.activeParticipants >= 0 && sum > input.activeParticipants) {
      add(
        "parts",
        "PARTS_NOT_ABOVE_TOTAL",
        `The ${dimension} parts add up to ${persons(sum)}, more than activeParticipants (${persons(input.activeParticipants)}): parts of one dimension cannot exceed the total.`,
      );
    }
  }

  violations.push(...sourceInputViolations(input.source));

  // Stored as numeric(7, 6) and numeric(6, 4): a value those round to 0, or round at all, is refused here.
  const fraction = (field: string, value: number | null | undefined, decimals: number) => {
    if (value == null) return;
    const smallest = 10 ** -decimals;
    if (!(value >= smallest && value <= 1)) {
      add(
        field,
        "FRACTION",
        `${field} is a fraction from ${smallest.toFixed(decimals)} to 1 (48.26% is 0.4826), got ${value}.`,
      );
    } else if (Math.abs(Number(value.toFixed(decimals)) - value) > 1e-12) {
      add(
        field,
        "PRECISION",
        `${field} has more than ${decimals} decimals (${value}): give it as the source prints it, like 0.5215.`,
      );
    }
  };
  fraction("claimedRate", input.claimedRate, 6);
  fraction("claimedGapTarget", input.claimedGapTarget, 4);
  if (input.claimedGap != null) {
    if (input.claimedGap < 0)
      add("claimedGap", "NON_NEGATIVE", `claimedGap must be 0 or more, got ${input.claimedGap}.`);
    if (input.claimedGapTarget == null)
      add(
        "claimedGapTarget",
        "REQUIRED_WITH_GAP",
        "claimedGapTarget is required with claimedGap: the gap is toward which target rate?",
      );
  }
  if (input.claimedGapYear != null && !(input.claimedGapYear >= 1900 && input.claimedGapYear <= 2099)) {
    add("claimedGapYear", "YEAR", `claimedGapYear is a year like 2025, got ${input.claimedGapYear}.`);
  }
  const notes = [
    textViolation("note", input.note, TEXT_LIMITS.note),
    ...input.parts.map((part, i) => textViolation(`parts[${i}].note`, part.note, TEXT_LIMITS.note)),
  ];
  violations.push(...notes.filter((violation): violation is Violation => violation !== null));
  return violations;
}
