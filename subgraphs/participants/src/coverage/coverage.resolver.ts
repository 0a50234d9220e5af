import { badUserInput, DateScalar, type RequestContext, SOURCE_SELECTION, toIsoDate, todayInJakarta } from "@cakupan/kit";
import { Arg, Args, ArgsType, Ctx, Directive, Field, FieldResolver, Resolver, Root } from "type-graphql";
import { CoverageReport } from "./coverage-report.entity";
import { coverageOf, workforceFor } from "./coverage";
import { Coverage, ProvinceCoverage } from "./coverage.type";
import { coverageRate } from "./coverage.indicator";
import { dated, reportHistory } from "./loaders";
import { Province, Regency, regencyStub, UNAVAILABLE_NOTE } from "../regency.entity";

/** What coverage needs from the regencies subgraph, sources included, so every figure keeps its provenance. */
const WORKFORCE = `workforceEstimates { year persons source { ${SOURCE_SELECTION} } }`;
const FIGURES = `${WORKFORCE} coverageTargets { year rate scheme source { ${SOURCE_SELECTION} } }`;

@ArgsType()
export class PeriodArgs {
  @Field(() => DateScalar, { nullable: true, description: "First date, inclusive; omit for all earlier reports." })
  from?: Date | null;

  @Field(() => DateScalar, { nullable: true, description: "Last date, inclusive; omit for all later reports." })
  to?: Date | null;
}

function asOfOrToday(asOf: Date | null | undefined): string {
  return asOf ? toIsoDate(asOf) : todayInJakarta();
}

@Resolver(() => Regency)
export class RegencyCoverageResolver {
  @FieldResolver(() => Coverage, {
    nullable: true,
    description: "Coverage at `asOf` (default: today, WIB): the last report at or before it. Null when there is none, or while the participants service is unavailable (error SUBGRAPH_UNAVAILABLE names it).",
  })
  @Directive(`@requires(fields: "${FIGURES}")`)
  coverage(
    @Root() regency: Regency,
    @Ctx() context: RequestContext,
    @Arg("asOf", () => DateScalar, { nullable: true }) asOf?: Date | null,
  ): Promise<Coverage | null> {
    return coverageOf(context, regency, asOfOrToday(asOf));
  }

  @FieldResolver(() => [CoverageReport], {
    nullable: true,
    description: `Every report from \`from\` to \`to\` (inclusive), oldest first, with its rate where the workforce is known.${UNAVAILABLE_NOTE}`,
  })
  @Directive(`@requires(fields: "${WORKFORCE}")`)
  async coverageHistory(
    @Root() regency: Regency,
    @Ctx() context: RequestContext,
    @Args(() => PeriodArgs) { from, to }: PeriodArgs,
  ): Promise<CoverageReport[]> {
    const [start, end] = [from ? toIsoDate(from) : null, to ? toIsoDate(to) : null];
    if (start && end && start > end) throw badUserInput(`\`from\` (${start}) is after \`to\` (${end}): swap them.`, "from");
    const reports = await context.loader(reportHistory).load(dated(regency.code, start, end));
    for (const report of reports) {
      const workforce = workforceFor(report, regency.workforceEstimates ?? []);
      report.rate = workforce && report.activeParticipants !== null ? coverageRate(report.activeParticipants, workforce.persons) : null;
    }
    return reports;
  }
}

@Resolver(() => Province)
export class ProvinceCoverageResolver {
  @FieldResolver(() => ProvinceCoverage, {
    nullable: true,
    description: `The rollup of the province's regencies that have a report at or before \`asOf\` (default today); the others are listed as missing.${UNAVAILABLE_NOTE}`,
  })
  @Directive(`@requires(fields: "regencies { code ${FIGURES} }")`)
  async coverage(
    @Root() province: Province,
    @Ctx() context: RequestContext,
    @Arg("asOf", () => DateScalar, { nullable: true }) asOf?: Date | null,
  ): Promise<ProvinceCoverage | null> {
    const date = asOfOrToday(asOf);
    const regencies = province.regencies ?? [];
    const coverages = await Promise.all(regencies.map((regency) => coverageOf(context, regency, date)));
    const reported = coverages.filter((c): c is Coverage => c !== null);
    const withRate = reported.filter((c) => c.workforce !== null);
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    const activeWithRate = sum(withRate.map((c) => c.activeParticipants));
    const workforce = withRate.length ? sum(withRate.map((c) => c.workforce!)) : null;
    return Object.assign(new ProvinceCoverage(), {
      asOf: date,
      regencyCount: regencies.length,
      reportingCount: reported.length,
      completeness: regencies.length ? reported.length / regencies.length : 0,
      activeParticipants: reported.length ? sum(reported.map((c) => c.activeParticipants)) : null,
      workforce,
      rate: workforce ? activeWithRate / workforce : null,
      rateRegencyCount: withRate.length,
      regencies: reported,
      reporting: reported.map((c) => c.regency),
      missing: regencies.filter((_, i) => coverages[i] === null).map((r) => regencyStub(r.code)),
      sources: [...new Map(reported.flatMap((c) => c.sources).map((s) => [s.id, s])).values()],
    });
  }
}
