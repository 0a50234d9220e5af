import { badUserInput, FigureStatus, type RequestContext } from "@cakupan/kit";
import { DEFAULT_MAX_AGE_MONTHS, primaryTargets } from "./coverage";
import { coverageRate, figureForYear, personsForTarget, targetForYear } from "./coverage.indicator";
import { reportsWithTotals } from "./coverage.projection";
import {
  calendarMonthsBetween,
  firstMonthReaching,
  monthEndAfter,
  monthsLeftAfter,
  yearEnd,
} from "./planning.arithmetic";
import { CoverageScenario } from "./planning.type";
import { type Regency, regencyStub } from "../regency.entity";

const persons = (n: number) => n.toLocaleString("en");

function wholePersons(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 0 || value > 100_000_000)
    throw badUserInput(
      `${name} must be a whole number of persons from 0 to 100,000,000; got ${value}.`,
      name,
    );
  return value;
}

/**
 * A what-if from the last report in or before `year`: `fundedPersons` enrolled at once in the month after it,
 * then `monthlyEnrolments` more at the end of every month after it. Pure computation; nothing is stored.
 */
export async function scenarioOf(
  context: RequestContext,
  regency: Regency,
  year: number,
  monthlyEnrolments: number,
  fundedPersons: number,
): Promise<CoverageScenario> {
  wholePersons(monthlyEnrolments, "monthlyEnrolments");
  wholePersons(fundedPersons, "fundedPersons");
  const reports = await reportsWithTotals(context, regency.code, yearEnd(year));
  const report = reports[reports.length - 1];
  const workforce = figureForYear(regency.workforceEstimates ?? [], year);
  const target = targetForYear(primaryTargets(regency.coverageTargets ?? []), year);
  const targetPersons = target && workforce ? personsForTarget(target.rate, workforce.persons) : null;
  const notes: string[] = [];
  if (!report) notes.push(`No report with a total in or before ${year}: nothing to start from.`);
  if (!workforce) notes.push(`No workforce estimate for ${regency.code}: no rate.`);
  if (!target) notes.push(`No target in force in ${year}: no month to reach.`);
  if (report?.status === FigureStatus.ESTIMATE)
    notes.push(`The report of ${report.asOf} is an estimate (the source rounds): so is the starting point.`);
  if (report?.inferred) notes.push(`The report of ${report.asOf} has derived values: ${report.inference}`);
  if (report && calendarMonthsBetween(report.asOf, yearEnd(year)) > DEFAULT_MAX_AGE_MONTHS)
    notes.push(
      `The report of ${report.asOf} is more than ${DEFAULT_MAX_AGE_MONTHS} months before the end of ${year}: stale.`,
    );
  const monthsLeft = report ? monthsLeftAfter(report.asOf, year) : 0;
  const start = report?.activeParticipants ?? null;
  /** Participants at the end of the k-th month after the report's month. */
  const after = (k: number) => start! + (k > 0 ? fundedPersons + monthlyEnrolments * k : 0);
  const projected = start === null ? null : after(monthsLeft);
  let targetReachedMonth: string | null = null;
  if (report && targetPersons !== null) {
    targetReachedMonth = firstMonthReaching(report.asOf, year, targetPersons, (monthEnd) => {
      let k = 0;
      while (monthEndAfter(report.asOf, k) < monthEnd) k++;
      return after(k);
    });
    notes.push(
      targetReachedMonth
        ? `${persons(targetPersons)} persons (${target!.rate}) are reached in ${targetReachedMonth}.`
        : `${persons(targetPersons)} persons (${target!.rate}) are not reached within ${year}.`,
    );
  }
  return Object.assign(new CoverageScenario(), {
    regency: regencyStub(regency.code),
    year,
    monthlyEnrolments,
    fundedPersons,
    fromAsOf: report?.asOf ?? null,
    participants: start,
    monthsLeft,
    projectedParticipants: projected,
    workforce: workforce?.persons ?? null,
    projectedRate: projected !== null && workforce ? coverageRate(projected, workforce.persons) : null,
    target: target?.rate ?? null,
    targetPersons,
    targetReachedMonth,
    methodDescription:
      `From the last report in or before ${year}${report ? ` (${report.asOf}: ${persons(start!)})` : ""}: the funded persons are ` +
      "enrolled at once in the month after it, then monthlyEnrolments more by the end of every month to December; " +
      "no one leaves. The target is met in the first month whose end count reaches ceil(target x workforce).",
    notes,
  });
}
