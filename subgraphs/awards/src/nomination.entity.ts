import { DateScalar, type IsoDate } from "@cakupan/kit";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from "typeorm";
import { BusinessSize, NomineeKind } from "./award-category.entity";

export enum StageKind {
  DATA_COLLECTION = "DATA_COLLECTION",
  DOCUMENT_VERIFICATION = "DOCUMENT_VERIFICATION",
  INTERVIEW = "INTERVIEW",
  FIELD_VERIFICATION = "FIELD_VERIFICATION",
  ANNOUNCEMENT = "ANNOUNCEMENT",
}
/** The order stages run in; their dates may not run backwards along it. */
export const STAGE_ORDER: StageKind[] = [
  StageKind.DATA_COLLECTION,
  StageKind.DOCUMENT_VERIFICATION,
  StageKind.INTERVIEW,
  StageKind.FIELD_VERIFICATION,
  StageKind.ANNOUNCEMENT,
];
registerEnumType(StageKind, {
  name: "StageKind",
  description:
    "Assessment stages (tahap penilaian): pengumpulan data, verifikasi dokumen, wawancara, verifikasi lapangan, pengumuman.",
  valuesConfig: {
    DATA_COLLECTION: { description: "Pengumpulan data: collecting the nominee's data, the first stage." },
    DOCUMENT_VERIFICATION: { description: "Verifikasi dokumen: checking the documents submitted." },
    INTERVIEW: { description: "Wawancara: the interview of the nominee." },
    FIELD_VERIFICATION: { description: "Verifikasi lapangan: a visit to check on site." },
    ANNOUNCEMENT: { description: "Pengumuman: the announcement of the results, the last stage." },
  },
});

export enum StageStatus {
  PLANNED = "PLANNED",
  IN_PROGRESS = "IN_PROGRESS",
  COMPLETED = "COMPLETED",
}
registerEnumType(StageStatus, {
  name: "StageStatus",
  description: "As last reported: planned (dijadwalkan), in progress (sedang berjalan), completed (selesai).",
  valuesConfig: {
    PLANNED: { description: "Dijadwalkan: scheduled, not yet reported as started (see scheduledAt)." },
    IN_PROGRESS: { description: "Sedang berjalan: a source reports it under way." },
    COMPLETED: { description: "Selesai: completed (see completedAt)." },
  },
});

@Entity("organisation")
@ObjectType("Organisation", {
  description:
    "A business or public service institution nominated for the award (badan usaha, lembaga layanan publik).",
})
export class Organisation {
  @PrimaryGeneratedColumn()
  @Field(() => ID, { description: "Record id." })
  id!: number;

  @Column("text")
  @Field({ description: "Name as the source gives it." })
  name!: string;

  @Column("text")
  @Field(() => NomineeKind, { description: "BUSINESS or PUBLIC_SERVICE_INSTITUTION." })
  kind!: NomineeKind;

  @Column("text", { name: "business_sector", nullable: true })
  @Field(() => String, {
    nullable: true,
    description: "For a business: its sector (sektor usaha), when given.",
  })
  businessSector!: string | null;

  @Column("text", { name: "business_size", nullable: true })
  @Field(() => BusinessSize, {
    nullable: true,
    description: "For a business: its size (skala usaha), when given.",
  })
  businessSize!: BusinessSize | null;

  @Column("text", { name: "regency_code", nullable: true })
  regencyCode!: string | null;
}

/** Which kind of entity a nomination names. */
export type NomineeType = "REGENCY" | "PROVINCE" | "VILLAGE" | "ORGANISATION";

@Entity("nomination")
@ObjectType("Nomination", {
  description: "A nominee in a category of an edition (nominasi), its assessment stages and its result.",
})
export class Nomination {
  @PrimaryGeneratedColumn()
  @Field(() => ID, {
    description: "Record id: what scheduleStage, completeStage and recordAwardResult take.",
  })
  id!: number;

  @Column("text", { name: "edition_id" })
  editionId!: string;

  @Column("text", { name: "category_code" })
  categoryCode!: string;

  @Column("text", { name: "nominee_type" })
  nomineeType!: NomineeType;

  @Column("text", { name: "nominee_code", nullable: true })
  nomineeCode!: string | null;

  @Column("int", { name: "organisation_id", nullable: true })
  organisationId!: number | null;

  @Column("text", { name: "source_id" })
  sourceId!: string;

  @Column("text", { nullable: true })
  @Field(() => String, { nullable: true, description: "What to know about the nomination." })
  note!: string | null;

  @Column("boolean", { default: false })
  @Field({ description: "True when its category (or nominee) is not printed but derived (see inference)." })
  inferred!: boolean;

  @Column("text", { nullable: true })
  @Field(() => String, { nullable: true, description: "What was assumed, from which words, when inferred." })
  inference!: string | null;
}

@Entity("nomination_stage")
@ObjectType("AssessmentStage", {
  description: "One assessment stage of a nomination, with its dates as the sources give them.",
})
export class NominationStage {
  @PrimaryColumn("int", { name: "nomination_id" })
  nominationId!: number;

  @PrimaryColumn("text")
  @Field(() => StageKind, { description: "Which stage: one of each per nomination." })
  kind!: StageKind;

  @Column("text")
  @Field(() => StageStatus, { description: "Its status as last reported." })
  status!: StageStatus;

  @Column("date", { name: "scheduled_at", nullable: true })
  @Field(() => DateScalar, { nullable: true, description: "The date it is scheduled for (dijadwalkan)." })
  scheduledAt!: IsoDate | null;

  @Column("date", { name: "completed_at", nullable: true })
  @Field(() => DateScalar, {
    nullable: true,
    description: "The date it was completed (selesai); null until then.",
  })
  completedAt!: IsoDate | null;

  @Column("date", { name: "reported_on", nullable: true })
  @Field(() => DateScalar, { nullable: true, description: "When a source last reported on this stage." })
  reportedOn!: IsoDate | null;

  @Column("text", { name: "source_id" })
  sourceId!: string;

  @Column("text", { nullable: true })
  @Field(() => String, {
    nullable: true,
    description: "What to know about the stage: how a source reports it.",
  })
  note!: string | null;

  @Column("boolean", { default: false })
  @Field({
    description:
      "True when its category (or another of its values) is not printed but derived (see inference).",
  })
  inferred!: boolean;

  @Column("text", { nullable: true })
  @Field(() => String, { nullable: true, description: "What was assumed, from which words, when inferred." })
  inference!: string | null;
}

@Entity("award_result")
@ObjectType("AwardResult", {
  description: 'A placing in a category of an edition (hasil): rank and title such as "Juara I".',
})
export class AwardResult {
  @PrimaryColumn("int", { name: "nomination_id" })
  nominationId!: number;

  @Column("text", { name: "edition_id" })
  editionId!: string;

  @Column("text", { name: "category_code" })
  categoryCode!: string;

  @Column("int")
  @Field(() => Int, { description: "1 for first place." })
  rank!: number;

  @Column("text")
  @Field({ description: 'The title as awarded: "Juara I".' })
  title!: string;

  @Column("text", { name: "source_id" })
  sourceId!: string;

  @Column("text", { nullable: true })
  @Field(() => String, { nullable: true, description: "What to know about the placing." })
  note!: string | null;

  @Column("boolean", { default: false })
  @Field({
    description:
      "True when its category (or another of its values) is not printed but derived (see inference).",
  })
  inferred!: boolean;

  @Column("text", { nullable: true })
  @Field(() => String, { nullable: true, description: "What was assumed, from which words, when inferred." })
  inference!: string | null;
}
