import { DateScalar, DateTimeScalar, FigureStatus, type IsoDate, numericAsNumber } from "@cakupan/kit";
import { Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";


export enum DatePrecision {
  DAY = "DAY",
  MONTH = "MONTH",
  YEAR = "YEAR",
}
registerEnumType(DatePrecision, {
  name: "DatePrecision",
  description: "How exactly a source dates a figure: to the day, the month (\"Juli 2025\", stored as the month's last day) or the year only.",
});

export enum CoverageMeasure {
  ACTIVE = "ACTIVE",
  REGISTERED = "REGISTERED",
}
registerEnumType(CoverageMeasure, {
  name: "CoverageMeasure",
  description:
    "What a participant count counts, as the source prints it: ACTIVE (peserta aktif, 'tenaga kerja aktif': contributions paid up) or REGISTERED (peserta terdaftar, 'pekerja terdaftar': enrolled, active or not).",
});

export enum BreakdownDimension {
  SEGMENT = "SEGMENT",
  GROUP = "GROUP",
  FUNDING = "FUNDING",
}
registerEnumType(BreakdownDimension, {
  name: "BreakdownDimension",
  description: "SEGMENT: BPJS membership segment (segmen kepesertaan). GROUP: a group inside the segments. FUNDING: who pays the contribution (sumber iuran).",
});

export enum ParticipantCategory {
  WAGE_EARNER = "WAGE_EARNER",
  NON_WAGE_EARNER = "NON_WAGE_EARNER",
  CONSTRUCTION = "CONSTRUCTION",
  MIGRANT_WORKER = "MIGRANT_WORKER",
  NON_ASN_STAFF = "NON_ASN_STAFF",
  VILLAGE_OFFICIAL = "VILLAGE_OFFICIAL",
  VULNERABLE_WORKER = "VULNERABLE_WORKER",
  APBD = "APBD",
  APBDES = "APBDES",
  PROVINCE_BUDGET = "PROVINCE_BUDGET",
  CSR = "CSR",
  BAZNAS = "BAZNAS",
  SELF_PAID = "SELF_PAID",
  EMPLOYER = "EMPLOYER",
}

/** Each category, the dimension it belongs to, and its Indonesian label. */
export const CATEGORIES: Record<ParticipantCategory, { dimension: BreakdownDimension; label: string }> = {
  WAGE_EARNER: { dimension: BreakdownDimension.SEGMENT, label: "Penerima Upah (PU)" },
  NON_WAGE_EARNER: { dimension: BreakdownDimension.SEGMENT, label: "Bukan Penerima Upah (BPU)" },
  CONSTRUCTION: { dimension: BreakdownDimension.SEGMENT, label: "Jasa Konstruksi (Jakon)" },
  MIGRANT_WORKER: { dimension: BreakdownDimension.SEGMENT, label: "Pekerja Migran Indonesia (PMI)" },
  NON_ASN_STAFF: { dimension: BreakdownDimension.GROUP, label: "Pegawai non-ASN" },
  VILLAGE_OFFICIAL: { dimension: BreakdownDimension.GROUP, label: "Perangkat desa" },
  VULNERABLE_WORKER: { dimension: BreakdownDimension.GROUP, label: "Pekerja rentan" },
  APBD: { dimension: BreakdownDimension.FUNDING, label: "APBD (anggaran kabupaten/kota)" },
  APBDES: { dimension: BreakdownDimension.FUNDING, label: "APBDes (anggaran desa)" },
  PROVINCE_BUDGET: { dimension: BreakdownDimension.FUNDING, label: "APBD provinsi" },
  CSR: { dimension: BreakdownDimension.FUNDING, label: "CSR perusahaan" },
  BAZNAS: { dimension: BreakdownDimension.FUNDING, label: "BAZNAS" },
  SELF_PAID: { dimension: BreakdownDimension.FUNDING, label: "Mandiri (dibayar sendiri)" },
  EMPLOYER: { dimension: BreakdownDimension.FUNDING, label: "Pemberi kerja" },
};
registerEnumType(ParticipantCategory, {
  name: "ParticipantCategory",
  description: Object.entries(CATEGORIES).map(([category, { dimension, label }]) => `${category} (${dimension}): ${label}`).join("; "),
});

/**
 * Active participants of a regency at a date, as one source reports them. A stock, never a flow:
 * coverage takes the last report at or before a date, and never adds reports over time.
 */
@Entity("coverage_report")
@ObjectType("CoverageReport", { description: "Active participants of a regency at a date as one source reports them (laporan kepesertaan)." })
export class CoverageReport {
  @PrimaryGeneratedColumn()
  @Field(() => ID)
  id!: number;

  @Column("text", { name: "regency_code" })
  regencyCode!: string;

  @Column("date", { name: "as_of" })
  @Field(() => DateScalar, { description: "The date the figures hold for (posisi per)." })
  asOf!: IsoDate;

  @Column("text", { name: "as_of_precision" })
  @Field(() => DatePrecision)
  asOfPrecision!: DatePrecision;

  @Column("int", { name: "active_participants", nullable: true })
  @Field(() => Int, { nullable: true, description: "Active participants in total (peserta aktif); null when the source gives only parts." })
  activeParticipants!: number | null;

  @Column("text")
  @Field(() => FigureStatus, { description: "REPORTED as stated, or ESTIMATE when the source rounds ('sekitar')." })
  status!: FigureStatus;

  @Column("text", { name: "source_id" })
  sourceId!: string;

  @Column("text", { default: CoverageMeasure.ACTIVE })
  @Field(() => CoverageMeasure, { description: "What activeParticipants counts: ACTIVE or REGISTERED, as the source prints it." })
  measure!: CoverageMeasure;

  @Column("text", { name: "measure_as_printed", nullable: true })
  @Field(() => String, { nullable: true, description: "The source's own words for what it counts (\"pekerja terdaftar\", \"tenaga kerja aktif\")." })
  measureAsPrinted!: string | null;

  @Column("boolean", { default: false })
  @Field({ description: "True when a value of the report is not printed but derived: its date, its year or its measure (see inference)." })
  inferred!: boolean;

  @Column("text", { nullable: true })
  @Field(() => String, { nullable: true, description: "What was assumed, from which words, when inferred." })
  inference!: string | null;

  @Column("numeric", { name: "claimed_rate", precision: 7, scale: 6, nullable: true, transformer: numericAsNumber })
  @Field(() => Float, { nullable: true, description: "The coverage rate the source states, as a fraction (48,26% -> 0.4826)." })
  claimedRate!: number | null;

  @Column("int", { name: "claimed_gap", nullable: true })
  @Field(() => Int, { nullable: true, description: "The persons the source says are still needed to reach a target." })
  claimedGap!: number | null;

  @Column("numeric", { name: "claimed_gap_target", precision: 6, scale: 4, nullable: true, transformer: numericAsNumber })
  @Field(() => Float, { nullable: true, description: "The target rate that claimed gap is for." })
  claimedGapTarget!: number | null;

  @Column("int", { name: "claimed_gap_year", nullable: true })
  @Field(() => Int, { nullable: true, description: "The year that claimed gap is to be closed by." })
  claimedGapYear!: number | null;

  @Column("text", { nullable: true })
  @Field(() => String, { nullable: true })
  note!: string | null;

  @CreateDateColumn({ name: "recorded_at", type: "timestamptz" })
  @Field(() => DateTimeScalar, { description: "When Cakupan recorded it." })
  recordedAt!: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt!: Date;

  /** Set where the workforce is known (coverage and history): active / workforce. */
  @Field(() => Float, { nullable: true, description: "active / workforce of the report's year, where both are known (see Coverage for the rules)." })
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
