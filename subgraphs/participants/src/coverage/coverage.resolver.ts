import {
  badUserInput,
  DateScalar,
  FigureStatus,
  type IsoDate,
  type RequestContext,
  SOURCE_SELECTION,
  toIsoDate,
  todayInJakarta,
} from "@cakupan/kit";
import {
  Arg,
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Directive,
  Field,
  FieldResolver,
  Int,
  Resolver,
  Root,
} from "type-graphql";
import { CoverageReport } from "./coverage-report.entity";
import { coverageOf, DEFAULT_MAX_AGE_MONTHS, primaryTargets, toSegments, workforceFor } from "./coverage";
import { Coverage, ProvinceCoverage, SegmentCount, StaleCoverage, TargetInForce } from "./coverage.type";
import { coverageRate, targetForYear } from "./coverage.indicator";
import { dated, partsByReport, reportHistory } from "./loaders";
import { Province, Regency, regencyStub, UNAVAILABLE_NOTE } from "../regency.entity";

/**
 * What coverage needs from the regencies subgraph: the figures the indicator computes with, and each figure's
 * source by id; a regency's Coverage.sources is answered by the regencies subgraph from those ids, only when
 * asked. A province's rollup and a target in force answer sources here, so theirs come whole.
 */
const FIGURES =
  "workforceEstimates { year persons source { id } } coverageTargets { year rate scheme source { id } }";
const WHOLE_TARGETS = `coverageTargets { year rate scheme source { ${SOURCE_SELECTION} } }`;
const WHOLE_FIGURES = `workforceEstimates { year persons source { ${SOURCE_SELECTION} } } ${WHOLE_TARGETS}`;

const MAX_AGE_DESCRIPTION =
  "A report older than this many whole months before `asOf` is stale: shown, flagged, never given a status nor summed in a rollup.";

/** maxAgeMonths as asked: a whole number of months, 0 to 1200. */
function maxAge(value: number | null | undefined): number {
  const months = value ?? DEFAULT_MAX_AGE_MONTHS;
  if (!Number.isInteger(months) || months < 0 || months > 1200) {
    throw badUserInput(
      `maxAgeMonths must be a whole number of months from 0 to 1200, got ${months}; the default is 12.`,
      "maxAgeMonths",
    );
  }
  return months;
}

@ArgsType()
export class PeriodArgs {
  @Field(() => DateScalar, {
    nullable: true,
    description: "First date, inclusive; omit for all earlier reports.",
  })
  from?: Date | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: "Last date, inclusive; omit for all later reports.",
  })
  to?: Date | null;
}

@ArgsType()
export class CoverageArgs {
  @Field(() => DateScalar, { nullable: true, description: "The question date (default: today, WIB)." })
  asOf?: Date | null;

  @Field(() => Int, {
    nullable: true,
    defaultValue: DEFAULT_MAX_AGE_MONTHS,
    description: MAX_AGE_DESCRIPTION,
  })
  maxAgeMonths?: number | null;
}

function asOfOrToday(asOf: Date | null | undefined): string {
  return asOf ? toIsoDate(asOf) : todayInJakarta();
}

/**
 * Regency.coverage, as a graphql-js resolver too: the schema answers it with this directly (plainFieldResolvers),
 * not through type-graphql's wrapper, for each of a national table's 514 regencies.
 */
export function regencyCoverage(
  regency: Regency,
  { asOf, maxAgeMonths }: CoverageArgs,
  context: RequestContext,
): Promise<Coverage | null> {
  return coverageOf(context, regency, asOfOrToday(asOf), maxAge(maxAgeMonths));
}

@Resolver(() => Regency)
export class RegencyCoverageResolver {
  @FieldResolver(() => Coverage, {
    nullable: true,
    description:
      "Coverage at `asOf` (default: today, WIB): the last report at or before it, against the target of asOf's year. " +
      "Null when there is none, or while the participants service is unavailable (error SUBGRAPH_UNAVAILABLE names it).",
  })
  @Directive(`@requires(fields: "${FIGURES}")`)
  coverage(
    @Root() regency: Regency,
    @Ctx() context: RequestContext,
    @Args(() => CoverageArgs) { asOf, maxAgeMonths }: CoverageArgs,
  ): Promise<Coverage | null> {
    return regencyCoverage(regency, { asOf, maxAgeMonths }, context);
  }

  @FieldResolver(() => TargetInForce, {
    nullable: true,
    description:
      "The coverage target in force in `year` (default: this year) by the rule coverage applies: that year's own, of the scheme coverage measures against. Null when that year has none.",
  })
  @Directive(`@requires(fields: "${WHOLE_TARGETS}")`)
  coverageTargetInForce(
    @Root() regency: Regency,
    @Arg("year", () => Int, { nullable: true, description: "The year (default: this year, WIB)." })
    year?: number | null,
  ): TargetInForce | null {
    const target = targetForYear(
      primaryTargets(regency.coverageTargets ?? []),
      year ?? Number(todayInJakarta().slice(0, 4)),
    );
    return target && Object.assign(new TargetInForce(), target);
  }

  @FieldResolver(() => [CoverageReport], {
    nullable: true,
    description: `Every report from \`from\` to \`to\` (inclusive), oldest first, with its rate where the workforce is known.${UNAVAILABLE_NOTE}`,
  })
  @Directive('@requires(fields: "workforceEstimates { year persons }")')
  async coverageHistory(
    @Root() regency: Regency,
    @Ctx() context: RequestContext,
    @Args(() => PeriodArgs) { from, to }: PeriodArgs,
  ): Promise<CoverageReport[]> {
    const [start, end] = [from ? toIsoDate(from) : null, to ? toIsoDate(to) : null];
    if (start && end && start > end)
      throw badUserInput(`\`from\` (${start}) is after \`to\` (${end}): swap them.`, "from");
    const reports = await context.loader(reportHistory).load(dated(regency.code, start, end));
    for (const report of reports) {
      const workforce = workforceFor(report, regency.workforceEstimates ?? []);
      report.rate =
        workforce && report.activeParticipants !== null
          ? coverageRate(report.activeParticipants, workforce.persons)
          : null;
    }
    return reports;
  }
}

/**
 * A coverage's segments, read only when asked: the parts of every report used were read for each coverage
 * (a statement and ~1,000 hydrated rows for the national table) though most answers select no segment.
 */
@Resolver(() => Coverage)
export class CoverageSegmentsResolver {
  @FieldResolver(() => [SegmentCount])
  @Authorized()
  async segments(@Root() coverage: Coverage, @Ctx() context: RequestContext): Promise<SegmentCount[]> {
    const parts = await context.loader(partsByReport).load(coverage.report.id);
    return toSegments(parts, coverage.activeParticipants);
  }
}

@Resolver(() => Province)
export class ProvinceCoverageResolver {
  @FieldResolver(() => ProvinceCoverage, {
    nullable: true,
    description:
      "The rollup of the province's regencies whose last report at or before `asOf` (default today) is within " +
      `maxAgeMonths; older ones are listed as stale, the others as missing.${UNAVAILABLE_NOTE}`,
  })
  @Directive(`@requires(fields: "regencies { code ${WHOLE_FIGURES} }")`)
  async coverage(
    @Root() province: Province,
    @Ctx() context: RequestContext,
    @Args(() => CoverageArgs) { asOf, maxAgeMonths }: CoverageArgs,
  ): Promise<ProvinceCoverage | null> {
    return provinceRollup(context, province.regencies ?? [], asOfOrToday(asOf), maxAge(maxAgeMonths));
  }
}

const formatPersons = (n: number) => n.toLocaleString("en");

/**
 * Sums only comparable parts: regencies whose report is within maxAgeMonths of the question date. Stale
 * reports are listed, never summed; the rate is over exactly the counted regencies that have a workforce.
 */
export async function provinceRollup(
  context: RequestContext,
  regencies: Regency[],
  asOf: IsoDate,
  maxAgeMonths: number,
): Promise<ProvinceCoverage> {
  const coverages = await Promise.all(
    regencies.map((regency) => coverageOf(context, regency, asOf, maxAgeMonths)),
  );
  const reported = coverages.filter((c): c is Coverage => c !== null);
  const counted = reported.filter((c) => !c.stale);
  const stale = reported.filter((c) => c.stale);
  const rated = counted.filter((c) => c.workforce !== null);
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const ratedActive = rated.length ? sum(rated.map((c) => c.activeParticipants)) : null;
  const workforce = rated.length ? sum(rated.map((c) => c.workforce!)) : null;
  const dates = counted.map((c) => c.asOf).sort();
  const measures = [...new Set(counted.map((c) => c.measure))].sort();
  const notes: string[] = [];
  for (const c of stale) {
    notes.push(
      `${c.regency.code}: its last report (${c.asOf}, ${formatPersons(c.activeParticipants)}) is ${c.ageMonths} months old, ` +
        `older than maxAgeMonths (${maxAgeMonths}): listed in stale, not summed.`,
    );
  }
  const unrated = counted.filter((c) => c.workforce === null);
  if (unrated.length) {
    notes.push(
      `No workforce estimate for ${unrated.map((c) => c.regency.code).join(", ")}: counted in activeParticipants, ` +
        "left out of rate, ratedActiveParticipants and workforce.",
    );
  }
  if (measures.length > 1) {
    notes.push(
      `The counted figures mix measures: ${counted.map((c) => `${c.regency.code} ${c.measure}`).join(", ")}; ` +
        "the sum adds them as the sources give them.",
    );
  }
  const estimates = counted.filter((c) => c.activeParticipantsStatus === FigureStatus.ESTIMATE);
  if (estimates.length) {
    notes.push(
      `Estimates are counted: ${estimates.map((c) => `${c.regency.code} (${formatPersons(c.activeParticipants)})`).join(", ")}.`,
    );
  }
  if (dates.length > 1 && dates[0] !== dates[dates.length - 1]) {
    notes.push(`The counted reports range from ${dates[0]} to ${dates[dates.length - 1]}.`);
  }
  const missingCount = coverages.filter((c) => c === null).length;
  if (missingCount)
    notes.push(
      `${missingCount} of ${regencies.length} regencies have no report at or before ${asOf}: unknown, not zero.`,
    );
  return Object.assign(new ProvinceCoverage(), {
    asOf,
    maxAgeMonths,
    regencyCount: regencies.length,
    reportingCount: counted.length,
    completeness: regencies.length ? counted.length / regencies.length : 0,
    activeParticipants: counted.length ? sum(counted.map((c) => c.activeParticipants)) : null,
    activeParticipantsStatus: counted.length
      ? estimates.length
        ? FigureStatus.ESTIMATE
        : FigureStatus.COMPUTED
      : null,
    measures,
    ratedActiveParticipants: ratedActive,
    workforce,
    rate: ratedActive !== null && workforce ? ratedActive / workforce : null,
    rateRegencyCount: rated.length,
    oldestReportAsOf: dates[0] ?? null,
    newestReportAsOf: dates[dates.length - 1] ?? null,
    regencies: counted,
    reporting: counted.map((c) => c.regency),
    stale: stale.map((c) =>
      Object.assign(new StaleCoverage(), {
        regency: c.regency,
        reportAsOf: c.asOf,
        ageMonths: c.ageMonths,
        activeParticipants: c.activeParticipants,
        activeParticipantsStatus: c.activeParticipantsStatus,
        measure: c.measure,
      }),
    ),
    missing: regencies.filter((_, i) => coverages[i] === null).map((r) => regencyStub(r.code)),
    sources: [...new Map(counted.flatMap((c) => c.figureSources).map((s) => [s.id, s])).values()],
    notes,
  });
}
