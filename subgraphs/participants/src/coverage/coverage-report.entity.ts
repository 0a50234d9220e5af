import { DateScalar, DateTimeScalar, FigureStatus, type IsoDate, numericAsNumber } from "@cakupan/kit";
import { Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import { BreakdownDimension, ParticipantCategory } from "../categories";

export enum DatePrecision {
  DAY = "DAY",
  MONTH = "MONTH",
  YEAR = "YEAR",
}
registerEnumType(DatePrecision, {
  name: "DatePrecision",
  description:
    'How exactly a source dates a figure: to the day, the month ("Juli 2025", stored as the month\'s last day) or the year only.',
  valuesConfig: {
    DAY: { description: "The source gives the day: asOf is that date." },
    MONTH: { description: 'The source gives the month only ("Juli 2025"): asOf is the month\'s last day.' },
    YEAR: {
      description:
        "The source gives the year only: asOf is a day of that year standing for it (see inference).",
    },
  },
});

export enum CoverageMeasure {
  ACTIVE = "ACTIVE",
  REGISTERED = "REGISTERED",
}
registerEnumType(CoverageMeasure, {
  name: "CoverageMeasure",
  description:
    "What a participant count counts, as the source prints it: ACTIVE (peserta aktif, 'tenaga kerja aktif': contributions paid up) or REGISTERED (peserta terdaftar, 'pekerja terdaftar': enrolled, active or not).",
  valuesConfig: {
    ACTIVE: {
      description: "Peserta aktif ('tenaga kerja aktif'): participants whose contributions are paid up.",
    },
    REGISTERED: {
      description:
        "Peserta terdaftar ('pekerja terdaftar'): participants enrolled, active or not; at least as many as are active.",
    },
  },
});

export { BreakdownDimension, CATEGORIES, ParticipantCategory } from "../categories";

/**
 * Active participants of a regency at a date, as one source reports them. A stock, never a flow:
 * coverage takes the last report at or before a date, and never adds reports over time.
 */
@Entity("coverage_report")
@ObjectType("CoverageReport", {
  description:
    "Participants of a regency at a date as one source reports them (laporan kepesertaan): a stock, never summed over time; measure says whether active or registered.",
})
export class CoverageReport {
  @PrimaryGeneratedColumn()
  @Field(() => ID, {
    description:
      "Record id; recording the same regency, date and source again keeps it (and updates the report).",
  })
  id!: number;

  @Column("text", { name: "regency_code" })
  regencyCode!: string;

  @Column("date", { name: "as_of" })
  @Field(() => DateScalar, { description: "The date the figures hold for (posisi per)." })
  asOf!: IsoDate;

  @Column("text", { name: "as_of_precision" })
  @Field(() => DatePrecision, {
    description: "How exactly the source dates it: DAY, MONTH (asOf is the month's last day) or YEAR.",
  })
  asOfPrecision!: DatePrecision;

  @Column("int", { name: "active_participants", nullable: true })
  @Field(() => Int, {
    nullable: true,
    description:
      "Participants in total, of the report's measure (ACTIVE or REGISTERED); null when the source gives only parts.",
  })
  activeParticipants!: number | null;

  @Column("text")
  @Field(() => FigureStatus, {
    description: "REPORTED as stated, or ESTIMATE when the source rounds ('sekitar').",
  })
  status!: FigureStatus;

  @Column("text", { name: "source_id" })
  sourceId!: string;

  @Column("text", { default: CoverageMeasure.ACTIVE })
  @Field(() => CoverageMeasure, {
    description: "What activeParticipants counts: ACTIVE or REGISTERED, as the source prints it.",
  })
  measure!: CoverageMeasure;

  @Column("text", { name: "measure_as_printed", nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'The source\'s own words for what it counts ("pekerja terdaftar", "tenaga kerja aktif").',
  })
  measureAsPrinted!: string | null;

  @Column("boolean", { default: false })
  @Field({
    description:
      "True when a value of the report is not printed but derived: its date, its year or its measure (see inference).",
  })
  inferred!: boolean;

  @Column("text", { nullable: true })
  @Field(() => String, { nullable: true, description: "What was assumed, from which words, when inferred." })
  inference!: string | null;

  @Column("numeric", {
    name: "claimed_rate",
    precision: 7,
    scale: 6,
    nullable: true,
    transformer: numericAsNumber,
  })
  @Field(() => Float, {
    nullable: true,
    description: "The coverage rate the source states, as a fraction (48,26% -> 0.4826).",
  })
  claimedRate!: number | null;

  @Column("int", { name: "claimed_gap", nullable: true })
  @Field(() => Int, {
    nullable: true,
    description: "The persons the source says are still needed to reach a target.",
  })
  claimedGap!: number | null;

  @Column("numeric", {
    name: "claimed_gap_target",
    precision: 6,
    scale: 4,
    nullable: true,
    transformer: numericAsNumber,
  })
  @Field(() => Float, {
    nullable: true,
    description: "The target rate that claimed gap is for, as a fraction (52,15% -> 0.5215).",
  })
  claimedGapTarget!: number | null;

  @Column("int", { name: "claimed_gap_year", nullable: true })
  @Field(() => Int, { nullable: true, description: "The year that claimed gap is to be closed by." })
  claimedGapYear!: number | null;

  @Column("text", { nullable: true })
  @Field(() => String, {
    nullable: true,
    description: "What to know about the report: how it was read from the source.",
  })
  note!: string | null;

  @CreateDateColumn({ name: "recorded_at", type: "timestamptz" })
  @Field(() => DateTimeScalar, { description: "When Cakupan recorded it." })
  recordedAt!: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt!: Date;

  /** Set where the workforce is known (coverage and history): active / workforce. */
  @Field(() => Float, {
    nullable: true,
    description:
      "activeParticipants / workforce of the report's year (else the nearest year's), a fraction. Given in coverageHistory and Coverage.report (see Coverage for the rules); null where a figure is missing, and in other answers (a mutation's, Coverage.alternatives).",
  })
  rate?: number | null;
}

@Entity("coverage_report_part")
export class CoverageReportPart {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column("int", { name: "report_id" })
  reportId!: number;

  @Column("text")
  dimension!: BreakdownDimension;

  @Column("text")
  category!: ParticipantCategory;

  @Column("int")
  persons!: number;

  @Column("text")
  status!: FigureStatus;

  @Column("text", { nullable: true })
  note!: string | null;

  @Column("boolean", { default: false })
  inferred!: boolean;

  @Column("text", { nullable: true })
  inference!: string | null;
}
