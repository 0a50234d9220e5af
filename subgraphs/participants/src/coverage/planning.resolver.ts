import {
  badUserInput,
  DateScalar,
  type RequestContext,
  SOURCE_SELECTION,
  toIsoDate,
  todayInJakarta,
} from "@cakupan/kit";
import { Arg, Ctx, Directive, Field, FieldResolver, ID, Int, ObjectType, Resolver, Root } from "type-graphql";
import { projectionOf, provinceProjection } from "./coverage.projection";
import { gapFundingOf } from "./gap-funding";
import {
  CoverageProjection,
  CoverageScenario,
  GapFunding,
  ProvinceCoverageProjection,
} from "./planning.type";
import { scenarioOf } from "./scenario";
import { Province, Regency, UNAVAILABLE_NOTE } from "../regency.entity";

/** What planning needs from the regencies subgraph: the workforce and the targets, with their sources. */
const FIGURES =
  `workforceEstimates { year persons source { ${SOURCE_SELECTION} } } ` +
  `coverageTargets { year rate scheme source { ${SOURCE_SELECTION} } }`;

const YEAR_DESCRIPTION = "The year planned for, to its 31 December (default: this year, WIB).";

/** The year asked, or this year in Jakarta; 2000 to 2100. */
function yearOf(value: number | null | undefined): number {
  const year = value ?? Number(todayInJakarta().slice(0, 4));
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw badUserInput(`year must be a whole year from 2000 to 2100, got ${year}.`, "year");
  return year;
}

@Resolver(() => Regency)
export class RegencyPlanningResolver {
  @FieldResolver(() => CoverageProjection, {
    nullable: true,
    description:
      "Where coverage is heading by the end of `year` at the pace the comparable reports show (proyeksi), with the month the target is reached or not, and the method in words." +
      UNAVAILABLE_NOTE,
  })
  @Directive(`@requires(fields: "${FIGURES}")`)
  coverageProjection(
    @Root() regency: Regency,
    @Ctx() context: RequestContext,
    @Arg("year", () => Int, { nullable: true, description: YEAR_DESCRIPTION }) year?: number | null,
    @Arg("asOf", () => DateScalar, {
      nullable: true,
      description:
        "Use only reports at or before this date, to see the projection as it stood then (default: every report up to the year's end).",
    })
    asOf?: Date | null,
  ): Promise<CoverageProjection> {
    return projectionOf(context, regency, yearOf(year), asOf ? toIsoDate(asOf) : null);
  }

  @FieldResolver(() => GapFunding, {
    nullable: true,
    description:
      "What closing `year`'s coverage gap costs the regency budget (APBD) if the persons still needed were enrolled as non-wage workers at `contribution` a month, with the months left and the assumptions in words." +
      UNAVAILABLE_NOTE,
  })
  @Directive(`@requires(fields: "${FIGURES}")`)
  gapFunding(
    @Root() regency: Regency,
    @Ctx() context: RequestContext,
    @Arg("year", () => Int, { nullable: true, description: YEAR_DESCRIPTION }) year?: number | null,
    @Arg("contribution", () => Int, {
      nullable: true,
      description:
        "Whole Rupiah per person per month (iuran); default and lowest: the minimum for non-wage workers (rule MINIMUM_BPU_CONTRIBUTION, Rp16.800).",
    })
    contribution?: number | null,
  ): Promise<GapFunding> {
    return gapFundingOf(context, regency, yearOf(year), contribution);
  }

  @FieldResolver(() => CoverageScenario, {
    nullable: true,
    description:
      "A what-if (skenario): the rate at the end of `year` and the month the target is met if `fundedPersons` were enrolled at once and `monthlyEnrolments` every month after the last report. Nothing is stored." +
      UNAVAILABLE_NOTE,
  })
  @Directive(`@requires(fields: "${FIGURES}")`)
  coverageScenario(
    @Root() regency: Regency,
    @Ctx() context: RequestContext,
    @Arg("year", () => Int, { nullable: true, description: YEAR_DESCRIPTION }) year: number | null,
    @Arg("monthlyEnrolments", () => Int, {
      defaultValue: 0,
      description: "Persons enrolled every month after the report's month (0 to 100,000,000).",
    })
    monthlyEnrolments: number,
    @Arg("fundedPersons", () => Int, {
      defaultValue: 0,
      description: "Persons funded (e.g. by APBD) and enrolled at once, in the month after the report.",
    })
    fundedPersons: number,
  ): Promise<CoverageScenario> {
    return scenarioOf(context, regency, yearOf(year), monthlyEnrolments, fundedPersons);
  }
}

/**
 * The root coverageScenario(regencyCode, ...) is the regencies service's (it names the regency); its answer
 * is computed here from that regency's workforce and targets, pulled in with @requires as on Regency.
 */
@ObjectType("CoverageScenarioRequest", {
  description:
    "A coverage what-if as asked (skenario): the regency, year and numbers given; `scenario` is the computed answer.",
})
@Directive(`@key(fields: "regencyCode year monthlyEnrolments fundedPersons")`)
export class CoverageScenarioRequest {
  @Field(() => ID, { description: 'Kemendagri regency code ("16.06").' })
  regencyCode!: string;

  @Field(() => Int, { description: "The year planned for, to its 31 December." })
  year!: number;

  @Field(() => Int, { description: "Persons enrolled every month after the last report's month." })
  monthlyEnrolments!: number;

  @Field(() => Int, {
    description: "Persons funded and enrolled at once, in the month after the last report.",
  })
  fundedPersons!: number;

  @Field(() => Regency, { description: "The regency asked about." })
  @Directive("@external")
  regency?: Regency;
}

@Resolver(() => CoverageScenarioRequest)
export class CoverageScenarioRequestResolver {
  @FieldResolver(() => CoverageScenario, {
    nullable: true,
    description: `The computed answer: the rate at the year's end and the month the target is met.${UNAVAILABLE_NOTE}`,
  })
  @Directive(`@requires(fields: "regency { code ${FIGURES} }")`)
  scenario(
    @Root() request: CoverageScenarioRequest,
    @Ctx() context: RequestContext,
  ): Promise<CoverageScenario> {
    return scenarioOf(
      context,
      request.regency!,
      yearOf(request.year),
      request.monthlyEnrolments,
      request.fundedPersons,
    );
  }
}

@Resolver(() => Province)
export class ProvincePlanningResolver {
  @FieldResolver(() => ProvinceCoverageProjection, {
    nullable: true,
    description:
      "The province's projection to the end of `year`: the sum of its regencies' projections made of comparable, fresh reports; the rest are left out and named." +
      UNAVAILABLE_NOTE,
  })
  @Directive(`@requires(fields: "regencies { code ${FIGURES} }")`)
  coverageProjection(
    @Root() province: Province,
    @Ctx() context: RequestContext,
    @Arg("year", () => Int, { nullable: true, description: YEAR_DESCRIPTION }) year?: number | null,
  ): Promise<ProvinceCoverageProjection> {
    return provinceProjection(context, province.regencies ?? [], yearOf(year));
  }
}
