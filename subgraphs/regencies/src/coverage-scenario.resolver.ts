import { assertAreaCode, badUserInput, type RequestContext, todayInJakarta } from "@cakupan/kit";
import {
  Arg,
  Ctx,
  Directive,
  Field,
  FieldResolver,
  ID,
  Int,
  ObjectType,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import { regencyByCode } from "./loaders";
import { Regency } from "./regency.entity";

const SCENARIO_KEY = "regencyCode year monthlyEnrolments fundedPersons";

/**
 * A what-if as asked at the root: this service names the regency (and refuses an unknown one); the participants
 * service computes the answer (`scenario`) from its reports and this regency's workforce and target.
 */
@ObjectType("CoverageScenarioRequest", {
  description:
    "A coverage what-if as asked (skenario): the regency, year and numbers given; `scenario` is the computed answer.",
})
@Directive(`@key(fields: "${SCENARIO_KEY}")`)
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
}

function wholePersons(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 0 || value > 100_000_000)
    throw badUserInput(
      `${name} must be a whole number of persons from 0 to 100,000,000; got ${value}.`,
      name,
    );
  return value;
}

@Resolver(() => CoverageScenarioRequest)
export class CoverageScenarioRequestResolver {
  @Query(() => CoverageScenarioRequest, {
    nullable: true,
    description:
      "A what-if for a regency (skenario): the coverage at the end of `year` and the month its target is met if `fundedPersons` were enrolled at once and `monthlyEnrolments` every month after the last report. Pure computation; nothing is stored. Null when no regency has the code. The same as Regency.coverageScenario.",
  })
  async coverageScenario(
    @Arg("regencyCode", () => ID, { description: 'Kemendagri regency code ("16.06").' }) regencyCode: string,
    @Arg("monthlyEnrolments", () => Int, {
      description: "Persons enrolled every month after the report's month (0 to 100,000,000).",
    })
    monthlyEnrolments: number,
    @Ctx() context: RequestContext,
    @Arg("year", () => Int, {
      nullable: true,
      description: "The year planned for, to its 31 December (default: this year, WIB).",
    })
    year?: number | null,
    @Arg("fundedPersons", () => Int, {
      defaultValue: 0,
      description: "Persons funded (e.g. by APBD) and enrolled at once, in the month after the report.",
    })
    fundedPersons = 0,
  ): Promise<CoverageScenarioRequest | null> {
    const code = assertAreaCode("regency", regencyCode, "regencyCode");
    const planned = year ?? Number(todayInJakarta().slice(0, 4));
    if (!Number.isInteger(planned) || planned < 2000 || planned > 2100)
      throw badUserInput(`year must be a whole year from 2000 to 2100, got ${planned}.`, "year");
    if (!(await context.loader(regencyByCode).load(code))) return null;
    return Object.assign(new CoverageScenarioRequest(), {
      regencyCode: code,
      year: planned,
      monthlyEnrolments: wholePersons(monthlyEnrolments, "monthlyEnrolments"),
      fundedPersons: wholePersons(fundedPersons, "fundedPersons"),
    });
  }

  @FieldResolver(() => Regency, { description: "The regency asked about." })
  async regency(@Root() request: CoverageScenarioRequest, @Ctx() context: RequestContext): Promise<Regency> {
    return (await context.loader(regencyByCode).load(request.regencyCode))!;
  }
}

/** A reference carries the whole question: nothing to read. */
export const resolveCoverageScenarioRequestReference = (reference: CoverageScenarioRequest) =>
  Object.assign(new CoverageScenarioRequest(), reference);
