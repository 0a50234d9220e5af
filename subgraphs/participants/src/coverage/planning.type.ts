import { DateScalar, FigureStatus, type IsoDate } from "@cakupan/kit";
import { Authorized, Directive, Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";
import { CoverageMeasure, CoverageReport, ParticipantCategory } from "./coverage-report.entity";
import { Regency } from "../regency.entity";

export enum ProjectionMethod {
  RANGE_FROM_PACES = "RANGE_FROM_PACES",
  STRAIGHT_LINE = "STRAIGHT_LINE",
  NONE = "NONE",
}
registerEnumType(ProjectionMethod, {
  name: "ProjectionMethod",
  description: "How a projection (proyeksi) was made from the comparable reports.",
  valuesConfig: {
    RANGE_FROM_PACES: {
      description:
        "Three or more comparable reports: the central line is the pace from the first to the last, the range is the slowest and fastest pace between consecutive reports.",
    },
    STRAIGHT_LINE: {
      description: "Exactly two comparable reports: a straight line through them, with no range.",
    },
    NONE: { description: "Fewer than two comparable reports: no projection (the notes say why)." },
  },
});

@ObjectType("CoverageProjection", {
  description:
    "Where a regency's coverage is heading at the observed pace (proyeksi cakupan): the participants and rate expected at the end of a year and the month its target is reached. Computed from comparable reports only; nothing is stored.",
})
export class CoverageProjection {
  @Field(() => Regency, { description: "The regency projected." })
  regency!: Regency;

  @Field(() => Int, { description: "The year projected to: figures are for its last day (31 December)." })
  year!: number;

  @Field(() => ProjectionMethod, { description: "RANGE_FROM_PACES, STRAIGHT_LINE or NONE (see the enum)." })
  method!: ProjectionMethod;

  @Field({ description: "The method and its assumptions in words, with the figures it used." })
  methodDescription!: string;

  @Field(() => [CoverageReport], {
    description:
      "The comparable reports the pace is measured over, oldest first (one per date: the one coverage uses).",
  })
  basedOn!: CoverageReport[];

  @Field(() => DateScalar, {
    nullable: true,
    description: "The date of the last report, where the projection starts; null without any report.",
  })
  fromAsOf!: IsoDate | null;

  @Field(() => Float, {
    nullable: true,
    description:
      "Calendar months from the last report to the year's end (a month-end figure to 31 December is whole).",
  })
  monthsAhead!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "Persons per month, first to last comparable report (the central pace); null with NONE.",
  })
  monthlyPace!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "The slowest pace between consecutive reports; null unless RANGE_FROM_PACES.",
  })
  monthlyPaceLow!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "The fastest pace between consecutive reports; null unless RANGE_FROM_PACES.",
  })
  monthlyPaceHigh!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "Participants expected at the year's end at the central pace, whole persons (rounded).",
  })
  projectedParticipants!: number | null;

  @Field(() => Int, { nullable: true, description: "At the slowest pace; null unless RANGE_FROM_PACES." })
  projectedParticipantsLow!: number | null;

  @Field(() => Int, { nullable: true, description: "At the fastest pace; null unless RANGE_FROM_PACES." })
  projectedParticipantsHigh!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "The workforce estimate (potensi tenaga kerja) of the year, else the nearest year's.",
  })
  workforce!: number | null;

  @Field(() => Int, { nullable: true, description: "The year of that estimate." })
  workforceYear!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "projectedParticipants / workforce, a fraction; null without a projection or workforce.",
  })
  projectedRate!: number | null;

  @Field(() => Float, { nullable: true, description: "projectedParticipantsLow / workforce." })
  projectedRateLow!: number | null;

  @Field(() => Float, { nullable: true, description: "projectedParticipantsHigh / workforce." })
  projectedRateHigh!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "The target in force in the year, a fraction (0.5215); null when the year has none.",
  })
  target!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "Persons the target needs: ceil(target x workforce).",
  })
  targetPersons!: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The month (YYYY-MM) at whose end the central line reaches the target; null when not within the year ("tidak tercapai tahun ini") or without a projection or target (see targetReachedNote).',
  })
  targetReachedMonth!: string | null;

  @Field({
    description:
      'The answer in words: "reached in 2025-12 at the observed pace", "not within 2025 at the observed pace", or why there is no answer.',
  })
  targetReachedNote!: string;

  @Field(() => CoverageMeasure, {
    nullable: true,
    description: "What the last report counts; the pace is in that measure.",
  })
  measure!: CoverageMeasure | null;

  @Field({
    description:
      "True when the reports compared count different measures (active and registered), as their source itself compares them: read the pace as indicative (see notes).",
  })
  mixesMeasures!: boolean;

  @Field({
    description: "True when an ESTIMATE (a rounded figure) is among the reports the pace is measured over.",
  })
  includesEstimates!: boolean;

  @Field({
    description:
      "True when the projection runs further beyond its last report than a report stays fresh (12 months).",
  })
  stale!: boolean;

  @Field(() => [String], {
    description: "What was assumed, what was left out and why, in words.",
  })
  notes!: string[];
}

@ObjectType("ProvinceCoverageProjection", {
  description:
    "A province's projection (proyeksi cakupan provinsi) as the sum of its regencies' projections that are made of comparable reports and not stale; the others are named in notes, never summed.",
})
export class ProvinceCoverageProjection {
  @Field(() => Int, { description: "The year projected to (31 December)." })
  year!: number;

  @Field(() => [CoverageProjection], { description: "The regencies' projections that are summed." })
  counted!: CoverageProjection[];

  @Field(() => [Regency], { description: "Regencies left out: no projection, or a stale one (see notes)." })
  leftOut!: Regency[];

  @Field(() => Int, {
    nullable: true,
    description: "Sum of the counted regencies' projectedParticipants; null when none is counted.",
  })
  projectedParticipants!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "Sum of the workforce of the counted regencies that have one.",
  })
  workforce!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      "Projected participants of the counted regencies that have a workforce / that workforce, a fraction.",
  })
  projectedRate!: number | null;

  @Field({ description: "True when a counted regency's projection mixes measures." })
  mixesMeasures!: boolean;

  @Field(() => [String], { description: "The method, and what was left out and why." })
  notes!: string[];
}

@ObjectType("FundedPersons", {
  description:
    "Workers whose contributions a budget already pays (peserta yang iurannya ditanggung), as a report gives them.",
})
export class FundedPersons {
  @Field(() => ParticipantCategory, { description: "The funding category (APBD: the regency budget)." })
  category!: ParticipantCategory;

  @Field({ description: 'Indonesian label ("APBD Kabupaten/Kota").' })
  label!: string;

  @Field(() => Int, {
    description: "Persons whose contributions that budget pays, as the report gives them.",
  })
  persons!: number;

  @Field(() => DateScalar, { description: "The date of the report that gives them." })
  asOf!: IsoDate;

  @Field(() => FigureStatus, { description: "REPORTED, or ESTIMATE when the source rounds." })
  status!: FigureStatus;

  @Field({ description: "True when the funding is not printed but derived (see inference)." })
  inferred!: boolean;

  @Field(() => String, { nullable: true, description: "What was assumed, from which words, when inferred." })
  inference!: string | null;

  @Field(() => Float, {
    description: "persons x the contribution used for the gap, whole Rupiah a month: what they cost already.",
  })
  monthlyCost!: number;

  sourceId!: string;
}

@ObjectType("GapFunding", {
  description:
    "What closing the coverage gap of a year would cost a regency (biaya menutup selisih target) if the persons still needed were enrolled as non-wage workers (BPU) whose contributions the regency budget (APBD) pays. Computed; nothing is stored.",
})
export class GapFunding {
  @Field(() => Regency, { description: "The regency costed." })
  regency!: Regency;

  @Field(() => Int, { description: "The target year." })
  year!: number;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      "The date of the report the gap is measured from: the last with a total in or before the year.",
  })
  fromAsOf!: IsoDate | null;

  @Field(() => Int, { nullable: true, description: "Participants in that report." })
  participants!: number | null;

  @Field(() => Float, { nullable: true, description: "The target in force in the year, a fraction." })
  target!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "The workforce estimate used (the year's, else nearest).",
  })
  workforce!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "Persons still needed: ceil(target x workforce) - participants, never below 0.",
  })
  gap!: number | null;

  @Field(() => Int, {
    description: "The monthly contribution per person used, whole Rupiah (iuran per orang per bulan).",
  })
  contribution!: number;

  @Field({
    description:
      "Where the contribution comes from: the rule MINIMUM_BPU_CONTRIBUTION (with whether it is an assumption), or the planner's own figure.",
  })
  contributionFrom!: string;

  @Field({
    description:
      "True when the contribution is the rule's value and that rule is a documented assumption with no regulation cited.",
  })
  contributionIsAssumption!: boolean;

  @Field(() => Int, {
    description:
      "Whole months left after the report's month to the end of the year (5 after July); 0 in December.",
  })
  monthsLeft!: number;

  @Field(() => Float, {
    nullable: true,
    description: "gap x contribution, whole Rupiah a month; null without a gap.",
  })
  monthlyCost!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "monthlyCost x monthsLeft: the rest of the year, whole Rupiah; null without a gap.",
  })
  restOfYearCost!: number | null;

  @Field(() => [FundedPersons], {
    description:
      "Workers the regency budget (APBD) already pays for, as reports in or before the year give them, beside the gap (signed-in users, as segments are).",
  })
  @Authorized()
  @Directive("@authenticated")
  alreadyFunded!: FundedPersons[];

  @Field({ description: "True when the report is older than 12 months at the year's end." })
  stale!: boolean;

  @Field(() => [String], { description: "The assumptions in words." })
  assumptions!: string[];

  @Field(() => [String], { description: "What the figures rest on and what they leave out." })
  notes!: string[];
}

@ObjectType("CoverageScenario", {
  description:
    "A what-if (skenario): the coverage at the year's end if a number of workers were enrolled every month and a number were funded at once. Pure computation from the last report; nothing is stored.",
})
export class CoverageScenario {
  @Field(() => Regency, { description: "The regency of the what-if." })
  regency!: Regency;

  @Field(() => Int, { description: "The year planned for, to its 31 December." })
  year!: number;

  @Field(() => Int, { description: "Persons enrolled each month after the report's month, as asked." })
  monthlyEnrolments!: number;

  @Field(() => Int, { description: "Persons funded at once in the month after the report, as asked." })
  fundedPersons!: number;

  @Field(() => DateScalar, { nullable: true, description: "The report the scenario starts from." })
  fromAsOf!: IsoDate | null;

  @Field(() => Int, { nullable: true, description: "Participants in that report." })
  participants!: number | null;

  @Field(() => Int, { description: "Whole months after the report's month to December." })
  monthsLeft!: number;

  @Field(() => Int, {
    nullable: true,
    description: "participants + fundedPersons + monthlyEnrolments x monthsLeft; null without a report.",
  })
  projectedParticipants!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "The workforce estimate of the year, else the nearest year's; null when there is none.",
  })
  workforce!: number | null;

  @Field(() => Float, { nullable: true, description: "projectedParticipants / workforce at the year's end." })
  projectedRate!: number | null;

  @Field(() => Float, { nullable: true, description: "The target in force in the year; null when none." })
  target!: number | null;

  @Field(() => Int, { nullable: true, description: "ceil(target x workforce)." })
  targetPersons!: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The month (YYYY-MM) at whose end the target would be met; null when not within the year, or without a target.",
  })
  targetReachedMonth!: string | null;

  @Field({ description: "The method and assumptions in words." })
  methodDescription!: string;

  @Field(() => [String], {
    description: "The working, and what is missing (no report, workforce or target).",
  })
  notes!: string[];
}
