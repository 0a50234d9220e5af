import { Directive, Field, Float, ID, Int, ObjectType } from "type-graphql";
import { Source } from "@cakupan/kit";

/**
 * The regencies subgraph owns these figures; coverage pulls them in through @requires, so the indicator's
 * denominator and target always come from their owner, with their sources.
 */
@ObjectType("WorkforceEstimate")
export class WorkforceEstimate {
  @Field(() => Int)
  @Directive("@external")
  year!: number;

  @Field(() => Int)
  @Directive("@external")
  persons!: number;

  @Field(() => Source)
  @Directive("@external")
  source!: Source;
}

@ObjectType("CoverageTarget")
export class CoverageTarget {
  @Field(() => Int)
  @Directive("@external")
  year!: number;

  @Field(() => Float)
  @Directive("@external")
  rate!: number;

  @Field()
  @Directive("@external")
  scheme!: string;

  @Field(() => Source)
  @Directive("@external")
  source!: Source;
}

@ObjectType("Regency")
@Directive('@key(fields: "code")')
export class Regency {
  @Field(() => ID)
  code!: string;

  @Field(() => [WorkforceEstimate])
  @Directive("@external")
  workforceEstimates?: WorkforceEstimate[];

  @Field(() => [CoverageTarget])
  @Directive("@external")
  coverageTargets?: CoverageTarget[];
}

@ObjectType("Province")
@Directive('@key(fields: "code")')
export class Province {
  @Field(() => ID)
  code!: string;

  @Field(() => [Regency])
  @Directive("@external")
  regencies?: Regency[];
}

export function regencyStub(code: string): Regency {
  return Object.assign(new Regency(), { code });
}

@ObjectType("District")
@Directive('@key(fields: "code")')
export class District {
  @Field(() => ID)
  code!: string;
}

@ObjectType("Village")
@Directive('@key(fields: "code")')
export class Village {
  @Field(() => ID)
  code!: string;
}

export function areaStub<T extends { code: string }>(type: new () => T, code: string): T {
  return Object.assign(new type(), { code });
}

/**
 * The fields this subgraph adds to another's entity are nullable, so that while it is down the gateway still
 * answers the rest of a region; the description says when null means that.
 */
export const UNAVAILABLE_NOTE =
  " Null only while the participants service is unavailable (error SUBGRAPH_UNAVAILABLE names it).";
