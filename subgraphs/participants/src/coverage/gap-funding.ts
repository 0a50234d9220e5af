import { badUserInput, FigureStatus, type RequestContext, todayInJakarta } from "@cakupan/kit";
import { BreakdownDimension, CATEGORIES, ParticipantCategory } from "./coverage-report.entity";
import { DEFAULT_MAX_AGE_MONTHS, primaryTargets } from "./coverage";
import { coverageGap, figureForYear, targetForYear } from "./coverage.indicator";
import { reportsWithTotals } from "./coverage.projection";
import { dated, partsByReport, reportHistory } from "./loaders";
import { calendarMonthsBetween, monthlyCost, monthsLeftAfter, yearEnd } from "./planning.arithmetic";
import { FundedPersons, GapFunding } from "./planning.type";
import { type Regency, regencyStub } from "../regency.entity";
import { RULES, ruleInteger } from "../rules";

const rupiah = (n: number) => `Rp${n.toLocaleString("id")}`;
const persons = (n: number) => n.toLocaleString("en");

/** The contribution asked for, or the rule's minimum; never below that minimum, which the registry enforces too. */
export function contributionFor(asked: number | null | undefined): {
  contribution: number;
  from: string;
  assumption: boolean;
} {
  const minimum = ruleInteger("MINIMUM_BPU_CONTRIBUTION");
  const rule = RULES.MINIMUM_BPU_CONTRIBUTION;
  const assumption = rule.sourceId === null;
  if (asked === null || asked === undefined) {
    return {
      contribution: minimum,
      from:
        `The rule MINIMUM_BPU_CONTRIBUTION (${rupiah(minimum)} a month)` +
        (assumption ? `: a documented assumption, no regulation cited (${rule.env} overrides it).` : "."),
      assumption,
    };
  }
  if (!Number.isInteger(asked) || asked < minimum) {
    throw badUserInput(
      `contribution must be whole Rupiah a month, at least the minimum for a non-wage worker (${minimum}, rule ` +
        `MINIMUM_BPU_CONTRIBUTION); got ${asked}. Omit it to use the minimum.`,
      "contribution",
    );
  }
  return { contribution: asked, from: `Given by the planner (${rupiah(asked)} a month).`, assumption: false };
}

/**
 * What closing `year`'s gap costs if the persons still needed were enrolled, in the month after the last
 * report, as non-wage workers the regency budget pays for, at `contribution` a month each until December.
 */
export async function gapFundingOf(
  context: RequestContext,
  regency: Regency,
  year: number,
  askedContribution: number | null | undefined,
): Promise<GapFunding> {
  const { contribution, from, assumption } = contributionFor(askedContribution);
  const end = yearEnd(year);
  const reports = await reportsWithTotals(context, regency.code, end);
  const report = reports[reports.length - 1];
  const workforce = figureForYear(regency.workforceEstimates ?? [], year);
  const target = targetForYear(primaryTargets(regency.coverageTargets ?? []), year);
  const notes: string[] = [];
  if (!report) notes.push(`No report with a total in or before ${year}: the gap is unknown.`);
  if (!workforce) notes.push(`No workforce estimate for ${regency.code}: the gap is unknown.`);
  else if (workforce.year !== year)
    notes.push(`No workforce estimate for ${year}; the ${workforce.year} one is used.`);
  if (!target) notes.push(`No target in force in ${year}: no gap to fund.`);
  const gap =
    report && workforce && target
      ? coverageGap(report.activeParticipants!, target.rate, workforce.persons)
      : null;
  const monthsLeft = report ? monthsLeftAfter(report.asOf, year) : 0;
  const stale = report ? calendarMonthsBetween(report.asOf, end) > DEFAULT_MAX_AGE_MONTHS : false;
  if (report && stale)
    notes.push(
      `The last report (${report.asOf}) is more than ${DEFAULT_MAX_AGE_MONTHS} months before the end of ${year}.`,
    );
  if (report && report.measure !== "ACTIVE")
    notes.push(
      `The report counts ${report.measure.toLowerCase()} workers ('${report.measureAsPrinted ?? ""}'), as the source prints it.`,
    );
  if (report?.status === FigureStatus.ESTIMATE)
    notes.push(`The report of ${report.asOf} is an estimate (the source rounds): so is the gap.`);
  if (report?.inferred) notes.push(`The report of ${report.asOf} has derived values: ${report.inference}`);
  if (report && todayInJakarta() > end)
    notes.push(
      `${year} is over: this is the cost as it stood at the report of ${report.asOf}, not a plan still open.`,
    );
  if (gap !== null && report) {
    notes.push(
      `Gap: ceil(${target!.rate} x ${persons(workforce!.persons)}) - ${persons(report.activeParticipants!)} = ${persons(gap)} persons; ` +
        `${persons(gap)} x ${rupiah(contribution)} = ${rupiah(monthlyCost(gap, contribution))} a month, x ${monthsLeft} months = ` +
        `${rupiah(monthlyCost(gap, contribution) * monthsLeft)}.`,
    );
  }
  const assumptions = [
    "The persons still needed are enrolled all at once in the month after the report and stay enrolled to December.",
    "Each is a non-wage worker (BPU) whose JKK and JKM contribution the regency budget (APBD) pays in full, at the same amount every month.",
    `Contribution: ${from}`,
    "No one already covered leaves; workers enrolled by other means meanwhile would lower the cost.",
  ];
  return Object.assign(new GapFunding(), {
    regency: regencyStub(regency.code),
    year,
    fromAsOf: report?.asOf ?? null,
    participants: report?.activeParticipants ?? null,
    target: target?.rate ?? null,
    workforce: workforce?.persons ?? null,
    gap,
    contribution,
    contributionFrom: from,
    contributionIsAssumption: assumption,
    monthsLeft,
    monthlyCost: gap === null ? null : monthlyCost(gap, contribution),
    restOfYearCost: gap === null ? null : monthlyCost(gap, contribution) * monthsLeft,
    alreadyFunded: await fundedByRegencyBudget(context, regency.code, end, contribution),
    stale,
    assumptions,
    notes,
  });
}

/** The APBD-funded parts of every report in or before `until` (a part without a total counts too). */
async function fundedByRegencyBudget(
  context: RequestContext,
  regencyCode: string,
  until: string,
  contribution: number,
): Promise<FundedPersons[]> {
  const reports = await context.loader(reportHistory).load(dated(regencyCode, null, until));
  const partsPerReport = await Promise.all(reports.map((r) => context.loader(partsByReport).load(r.id)));
  const funded = reports.flatMap((report, i) =>
    partsPerReport[i]
      .filter((p) => p.dimension === BreakdownDimension.FUNDING && p.category === ParticipantCategory.APBD)
      .map((part) => ({ report, part })),
  );
  return funded.map(({ report, part }) =>
    Object.assign(new FundedPersons(), {
      category: part.category,
      label: CATEGORIES[part.category].label,
      persons: part.persons,
      asOf: report.asOf,
      status: part.status,
      inferred: part.inferred || report.inferred,
      inference: [part.inference, report.inference].filter(Boolean).join(" ") || null,
      monthlyCost: monthlyCost(part.persons, contribution),
      sourceId: report.sourceId,
    }),
  );
}
