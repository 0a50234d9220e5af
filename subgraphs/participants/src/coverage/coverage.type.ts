import { DateScalar, FigureStatus, type IsoDate, Source, SOURCE_SELECTION } from "@cakupan/kit";
import { Authorized, Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import {
  BreakdownDimension,
  CoverageMeasure,
  CoverageReport,
  ParticipantCategory,
} from "./coverage-report.entity";
import { Regency } from "../regency.entity";

export enum CoverageStatus {
  MET = "MET",
  ON_TRACK = "ON_TRACK",
  BEHIND = "BEHIND",
  MISSED = "MISSED",
}
registerEnumType(CoverageStatus, {
  name: "CoverageStatus",
  description:
    "MET: the target is reached. ON_TRACK: the pace since the previous report, kept up, closes the gap by the end of the target year. BEHIND: it does not. MISSED: the target year is over and the last report still shows a gap.",
  valuesConfig: {
    MET: { description: "The gap is 0: the target of the question date's year is reached (tercapai)." },
    ON_TRACK: {
      description:
        "The pace since the previous report (observedMonthlyPace) is at least requiredMonthlyPace: kept up, it closes the gap by the end of the target year.",
    },
    BEHIND: {
      description:
        "The pace since the previous report is below requiredMonthlyPace: kept up, it leaves a gap at the end of the target year.",
    },
    MISSED: {
      description:
        "The target year is over (the question date is its last day or later) and the last report still shows a gap.",
    },
  },
});

@ObjectType("SegmentCount", {
  description: "Part of the active participants: by segment, group or funding (rincian kepesertaan).",
})
export class SegmentCount {
  @Field(() => BreakdownDimension, { description: "SEGMENT, GROUP or FUNDING: the category's dimension." })
  dimension!: BreakdownDimension;

  @Field(() => ParticipantCategory, { description: "The segment, group or funding source." })
  category!: ParticipantCategory;

  @Field({ description: 'Indonesian label: "Pekerja rentan", "Perangkat desa", ...' })
  label!: string;

  @Field(() => Int, {
    description: "Persons in this part at the report's date (a stock), of the report's measure.",
  })
  persons!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      "persons / activeParticipants of the report, a fraction (0 to 1); null when it has no total.",
  })
  share!: number | null;

  @Field(() => FigureStatus, { description: "REPORTED as stated, or ESTIMATE when the source rounds." })
  status!: FigureStatus;

  @Field(() => String, { nullable: true, description: "What to know about the part: how it was read." })
  note!: string | null;

  @Field({
    description: "True when the category is not printed but derived from the source's words (see inference).",
  })
  inferred!: boolean;

  @Field(() => String, { nullable: true, description: "What was assumed, from which words, when inferred." })
  inference!: string | null;

  reportId!: number;
  sourceId!: string;
}

@ObjectType("Discrepancy", {
  description: "A figure a source claims that its own numbers do not give: both, side by side (selisih).",
})
export class Discrepancy {
  @Field({ description: "Which figure: rate or gap." })
  field!: string;

  @Field(() => Float, {
    description: "What the source states: a fraction for a rate (0.4826), persons for a gap.",
  })
  claimed!: number;

  @Field(() => Float, { description: "What the source's own figures give, in the same unit." })
  computed!: number;

  @Field(() => Source, { description: "The source that makes the claim." })
  source!: Source;

  @Field({ description: "The working: how the computed value follows from the source's figures." })
  note!: string;
}

/**
 * Its `sources` are answered by the regencies subgraph, which owns the workforce estimates' and targets'
 * sources: this subgraph hands it, as the key, the report's source and the other two by id (inaccessible
 * fields), so a figure's source crosses subgraphs only when a caller asks for it (regencies'
 * coverage-sources.ts).
 */
@ObjectType("Coverage", {
  description:
    "Coverage of a regency at a date (cakupan kepesertaan): the last report at or before the date, against the workforce and target from the regencies subgraph.",
  // Computed values read by graphql-js itself, without type-graphql's wrapper of every field (514 coverages
  // of a national table). segments keeps its field resolver and that resolver's @Authorized.
  simpleResolvers: true,
})
@Directive(
  `@key(fields: "reportSource { ${SOURCE_SELECTION} } workforceSourceId targetSourceId", resolvable: false)`,
)
export class Coverage {
  @Field(() => Regency, { description: "The regency or city." })
  regency!: Regency;

  @Field(() => DateScalar, {
    description: "The date of the report used: the last at or before the date asked.",
  })
  asOf!: IsoDate;

  @Field(() => DateScalar, {
    description: "The date asked for (the question date): the target and the months left follow it.",
  })
  questionDate!: IsoDate;

  @Field(() => Int, { description: "Whole months from the report's date (asOf) to the question date." })
  ageMonths!: number;

  @Field(() => Int, {
    description: "The most months a report may be old and still be given a status (the maxAgeMonths asked).",
  })
  maxAgeMonths!: number;

  @Field({
    description:
      "True when the report is older than maxAgeMonths: its figures are shown, its status is null.",
  })
  stale!: boolean;

  @Field(() => Int, {
    description:
      "Participants in that report (peserta): a stock, never summed over time. What it counts is `measure` (active or registered).",
  })
  activeParticipants!: number;

  @Field(() => FigureStatus, { description: "REPORTED, or ESTIMATE when the source rounds." })
  activeParticipantsStatus!: FigureStatus;

  @Field(() => CoverageMeasure, {
    description: "What the report counts, as the source prints it (see notes where it matters).",
  })
  measure!: CoverageMeasure;

  @Field(() => String, {
    nullable: true,
    description: 'The source\'s own words for it ("pekerja terdaftar").',
  })
  measureAsPrinted!: string | null;

  @Field({
    description: "True when the report's date, year or measure is not printed but derived (see inference).",
  })
  inferred!: boolean;

  @Field(() => String, { nullable: true, description: "What was assumed, from which words, when inferred." })
  inference!: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "Workforce estimate (potensi tenaga kerja) in persons, the denominator; null when the regency has none (notes say so).",
  })
  workforce!: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "The year of that estimate: the report's year, else the nearest year that has one (see notes).",
  })
  workforceYear!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      "activeParticipants / workforce, a fraction (0.4826 for 48.26%), not a percentage; null without a workforce estimate.",
  })
  rate!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      "The target in force in the question date's year, a fraction (0.5215); null when that year has none (notes name the last known).",
  })
  target!: number | null;

  @Field(() => Int, { nullable: true, description: "The year of that target: the question date's year." })
  targetYear!: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The scheme of that target: UCJ (Universal Coverage Jamsostek) unless participantRules' COVERAGE_TARGET_SCHEME says otherwise.",
  })
  targetScheme!: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "Persons still needed: ceil(target x workforce) - activeParticipants, never below 0; null without a target or a workforce estimate.",
  })
  gap!: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "Persons per month needed to close the gap by the end of the target year, over the whole months left after the question date's month (at least one); 0 when the gap is 0; null without a gap or once the target year is over.",
  })
  requiredMonthlyPace!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      "Persons per month gained from the previous report with a total to this one (months of 30.44 days); negative when the count fell; null without an earlier report with a total.",
  })
  observedMonthlyPace!: number | null;

  @Field(() => CoverageStatus, {
    nullable: true,
    description:
      "How it stands against the target (see CoverageStatus). Null when the report is stale, when there is no target for the question date's year or no workforce estimate, or when there is no earlier report to measure the pace by (and the target is neither met nor missed).",
  })
  status!: CoverageStatus | null;

  @Field(() => [SegmentCount], {
    description:
      "The report's breakdown by segment, group and funding, as far as the source gives it (signed-in users).",
  })
  @Authorized()
  @Directive("@authenticated")
  // Answered by CoverageSegmentsResolver, only when asked: the national table reads no parts.
  segments?: SegmentCount[];

  @Field(() => Source, { description: "The report's source, for the regencies subgraph's `sources`." })
  @Directive("@inaccessible")
  reportSource!: Source;

  @Field(() => ID, { nullable: true, description: "The workforce estimate's source; null without one." })
  @Directive("@inaccessible")
  workforceSourceId!: string | null;

  @Field(() => ID, { nullable: true, description: "The target's source; null without a target." })
  @Directive("@inaccessible")
  targetSourceId!: string | null;

  /** The sources behind the figures as far as this subgraph holds them whole: what a province sums. */
  figureSources!: Source[];

  @Field(() => [Discrepancy], {
    description: "Where the source claims a rate or gap its own figures do not give.",
  })
  discrepancies!: Discrepancy[];

  @Field(() => CoverageReport, { description: "The report used." })
  report!: CoverageReport;

  @Field(() => [CoverageReport], {
    description: "Other reports of the same date from other sources, not used (see the selection rule).",
  })
  alternatives!: CoverageReport[];

  @Field(() => [String], {
    description: "How the figures were put together, where it is not the plain rule.",
  })
  notes!: string[];
}

@ObjectType("TargetInForce", {
  description: "The coverage target coverage applies in a year: that year's own, of the measured scheme.",
})
export class TargetInForce {
  @Field(() => Int, { description: "The year it is in force: the year asked." })
  year!: number;

  @Field(() => Float, { description: "A fraction: 0.5215 for 52.15%." })
  rate!: number;

  @Field({ description: "Its scheme: UCJ is Universal Coverage Jamsostek." })
  scheme!: string;

  @Field(() => Source, { description: "Where the target comes from." })
  source!: Source;
}

@ObjectType("StaleCoverage", {
  description: "A regency whose last report is older than maxAgeMonths: listed, never summed.",
})
export class StaleCoverage {
  @Field(() => Regency, { description: "The regency or city." })
  regency!: Regency;

  @Field(() => DateScalar, { description: "The date of its last report at or before the question date." })
  reportAsOf!: IsoDate;

  @Field(() => Int, { description: "Whole months from that report to the question date." })
  ageMonths!: number;

  @Field(() => Int, {
    description: "The participants that report gives (see measure and activeParticipantsStatus).",
  })
  activeParticipants!: number;

  @Field(() => FigureStatus, { description: "REPORTED, or ESTIMATE when the source rounds." })
  activeParticipantsStatus!: FigureStatus;

  @Field(() => CoverageMeasure, { description: "What that report counts: ACTIVE or REGISTERED." })
  measure!: CoverageMeasure;
}

@ObjectType("ProvinceCoverage", {
  description:
    "The rollup of a province's regencies whose last report is within maxAgeMonths of the question date. Older reports are listed in `stale`, regencies without any in `missing`: neither is counted, nor counted as zero.",
})
export class ProvinceCoverage {
  @Field(() => DateScalar, { description: "The date asked for." })
  asOf!: IsoDate;

  @Field(() => Int, {
    description: "The most months a report may be old to be counted (the maxAgeMonths asked).",
  })
  maxAgeMonths!: number;

  @Field(() => Int, { description: "Regencies and cities of the province." })
  regencyCount!: number;

  @Field(() => Int, {
    description: "Of those, how many are counted: a report at or before asOf, within maxAgeMonths.",
  })
  reportingCount!: number;

  @Field(() => Float, { description: "reportingCount / regencyCount, a fraction (0 to 1)." })
  completeness!: number;

  @Field(() => Int, {
    nullable: true,
    description: "Participants summed over the counted regencies; null when none is counted.",
  })
  activeParticipants!: number | null;

  @Field(() => FigureStatus, {
    nullable: true,
    description:
      "COMPUTED from reported figures, or ESTIMATE when any counted figure is an estimate; null when none is counted.",
  })
  activeParticipantsStatus!: FigureStatus | null;

  @Field(() => [CoverageMeasure], {
    description: "The measures of the counted reports; more than one means notes say they are mixed.",
  })
  measures!: CoverageMeasure[];

  @Field(() => Int, {
    nullable: true,
    description:
      "Participants summed over the counted regencies that have a workforce estimate: the numerator of rate.",
  })
  ratedActiveParticipants!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "Workforce summed over the same regencies: the denominator of rate.",
  })
  workforce!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      "ratedActiveParticipants / workforce, exactly: a fraction, not a percentage; null when no counted regency has a workforce estimate.",
  })
  rate!: number | null;

  @Field(() => Int, { description: "Regencies counted in rate (a fresh report and a workforce estimate)." })
  rateRegencyCount!: number;

  @Field(() => DateScalar, { nullable: true, description: "The date of the oldest counted report." })
  oldestReportAsOf!: IsoDate | null;

  @Field(() => DateScalar, { nullable: true, description: "The date of the newest counted report." })
  newestReportAsOf!: IsoDate | null;

  @Field(() => [Coverage], { description: "Coverage of each counted regency." })
  regencies!: Coverage[];

  @Field(() => [Regency], { description: "The counted regencies." })
  reporting!: Regency[];

  @Field(() => [StaleCoverage], {
    description: "Regencies whose last report is older than maxAgeMonths: shown, never summed.",
  })
  stale!: StaleCoverage[];

  @Field(() => [Regency], {
    description: "The regencies with no report at or before asOf: unknown, not zero.",
  })
  missing!: Regency[];

  @Field(() => [Source], {
    description:
      "Every source behind the counted figures: the reports', the workforce estimates' and the targets'.",
  })
  sources!: Source[];

  @Field(() => [String], { description: "What was left out of the sums and why; what the sums mix." })
  notes!: string[];
}
