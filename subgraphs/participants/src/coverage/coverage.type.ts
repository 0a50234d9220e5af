import { DateScalar, FigureStatus, type IsoDate, Source } from "@cakupan/kit";
import { Authorized, Directive, Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";
import { BreakdownDimension, CoverageReport, ParticipantCategory } from "./coverage-report.entity";
import { Regency } from "../regency.entity";

export enum CoverageStatus {
  MET = "MET",
  ON_TRACK = "ON_TRACK",
  BEHIND = "BEHIND",
}
registerEnumType(CoverageStatus, {
  name: "CoverageStatus",
  description:
    "MET: the target is reached. ON_TRACK: the pace since the previous report, kept up, closes the gap by the end of the target year. BEHIND: it does not.",
});

@ObjectType("SegmentCount", { description: "Part of the active participants: by segment, group or funding (rincian kepesertaan)." })
export class SegmentCount {
  @Field(() => BreakdownDimension)
  dimension!: BreakdownDimension;

  @Field(() => ParticipantCategory)
  category!: ParticipantCategory;

  @Field({ description: "Indonesian label: \"Pekerja rentan\", \"Perangkat desa\", ..." })
  label!: string;

  @Field(() => Int)
  persons!: number;

  @Field(() => Float, { nullable: true, description: "persons / activeParticipants of the report, when it has a total." })
  share!: number | null;

  @Field(() => FigureStatus)
  status!: FigureStatus;

  @Field(() => String, { nullable: true })
  note!: string | null;

  reportId!: number;
  sourceId!: string;
}

@ObjectType("Discrepancy", { description: "A figure a source claims that its own numbers do not give: both, side by side (selisih)." })
export class Discrepancy {
  @Field({ description: "Which figure: rate or gap." })
  field!: string;

  @Field(() => Float)
  claimed!: number;

  @Field(() => Float)
  computed!: number;

  @Field(() => Source)
  source!: Source;

  @Field()
  note!: string;
}

@ObjectType("Coverage", {
  description:
    "Coverage of a regency at a date (cakupan kepesertaan): the last report at or before the date, against the workforce and target from the regencies subgraph.",
})
export class Coverage {
  @Field(() => Regency)
  regency!: Regency;

  @Field(() => DateScalar, { description: "The date of the report used: the last at or before the date asked." })
  asOf!: IsoDate;

  @Field(() => Int, { description: "Active participants (peserta aktif) in that report: a stock, never summed over time." })
  activeParticipants!: number;

  @Field(() => FigureStatus, { description: "REPORTED, or ESTIMATE when the source rounds." })
  activeParticipantsStatus!: FigureStatus;

  @Field(() => Int, { nullable: true, description: "Workforce estimate (potensi tenaga kerja), the denominator." })
  workforce!: number | null;

  @Field(() => Int, { nullable: true, description: "The year of that estimate: the report's year, else the nearest year that has one (see notes)." })
  workforceYear!: number | null;

  @Field(() => Float, { nullable: true, description: "activeParticipants / workforce, a fraction (0.4826)." })
  rate!: number | null;

  @Field(() => Float, { nullable: true, description: "The target rate in force, a fraction (0.5215)." })
  target!: number | null;

  @Field(() => Int, { nullable: true, description: "The year of that target: the report's year, else the next year that has one." })
  targetYear!: number | null;

  @Field(() => String, { nullable: true })
  targetScheme!: string | null;

  @Field(() => Int, { nullable: true, description: "Persons still needed: ceil(target x workforce) - activeParticipants, never below 0." })
  gap!: number | null;

  @Field(() => Int, { nullable: true, description: "Persons per month needed to close the gap by the end of the target year." })
  requiredMonthlyPace!: number | null;

  @Field(() => Float, { nullable: true, description: "Persons per month gained since the previous report with a total." })
  observedMonthlyPace!: number | null;

  @Field(() => CoverageStatus, { nullable: true, description: "Null when there is no target, or no earlier report to measure the pace by." })
  status!: CoverageStatus | null;

  @Field(() => [SegmentCount], { description: "The report's breakdown by segment, group and funding, as far as the source gives it (signed-in users)." })
  @Authorized()
  @Directive("@authenticated")
  segments!: SegmentCount[];

  @Field(() => [Source], { description: "Every source behind these figures: the report's, the workforce estimate's and the target's." })
  sources!: Source[];

  @Field(() => [Discrepancy], { description: "Where the source claims a rate or gap its own figures do not give." })
  discrepancies!: Discrepancy[];

  @Field(() => CoverageReport, { description: "The report used." })
  report!: CoverageReport;

  @Field(() => [CoverageReport], { description: "Other reports of the same date from other sources, not used (see the selection rule)." })
  alternatives!: CoverageReport[];

  @Field(() => [String], { description: "How the figures were put together, where it is not the plain rule." })
  notes!: string[];
}

@ObjectType("ProvinceCoverage", {
  description: "The rollup of a province's regencies that have a report; the others are listed, never counted as zero.",
})
export class ProvinceCoverage {
  @Field(() => DateScalar, { description: "The date asked for." })
  asOf!: IsoDate;

  @Field(() => Int, { description: "Regencies and cities of the province." })
  regencyCount!: number;

  @Field(() => Int, { description: "Of those, how many have a report at or before asOf." })
  reportingCount!: number;

  @Field(() => Float, { description: "reportingCount / regencyCount." })
  completeness!: number;

  @Field(() => Int, { nullable: true, description: "Active participants summed over the reporting regencies; null when none reports." })
  activeParticipants!: number | null;

  @Field(() => Int, { nullable: true, description: "Workforce summed over the reporting regencies that have an estimate." })
  workforce!: number | null;

  @Field(() => Float, { nullable: true, description: "Active / workforce over the regencies that have both." })
  rate!: number | null;

  @Field(() => Int, { description: "Regencies counted in rate (a report and a workforce estimate)." })
  rateRegencyCount!: number;

  @Field(() => [Coverage], { description: "Coverage of each reporting regency." })
  regencies!: Coverage[];

  @Field(() => [Regency], { description: "The reporting regencies." })
  reporting!: Regency[];

  @Field(() => [Regency], { description: "The regencies with no report at or before asOf: unknown, not zero." })
  missing!: Regency[];

  @Field(() => [Source])
  sources!: Source[];
}
