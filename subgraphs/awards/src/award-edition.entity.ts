import { DateScalar, type IsoDate } from "@cakupan/kit";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";

export enum AwardLevel {
  PROVINCIAL = "PROVINCIAL",
  NATIONAL = "NATIONAL",
}
registerEnumType(AwardLevel, {
  name: "AwardLevel",
  description: "Tingkat provinsi (provincial round) or tingkat nasional.",
  valuesConfig: {
    PROVINCIAL: {
      description: "Tingkat provinsi: a round for the regions and organisations of one province.",
    },
    NATIONAL: { description: "Tingkat nasional: the national round." },
  },
});

export enum EditionIdentityAssessment {
  SAME = "SAME",
  POSSIBLY_SAME = "POSSIBLY_SAME",
  DIFFERENT = "DIFFERENT",
}
registerEnumType(EditionIdentityAssessment, {
  name: "EditionIdentityAssessment",
  description:
    "Whether two recorded editions are one round: SAME (a source says so), POSSIBLY_SAME (the sources allow it and do not say), DIFFERENT.",
  valuesConfig: {
    SAME: { description: "A source says they are one round." },
    POSSIBLY_SAME: { description: "The sources allow it and do not say: not guessed either way (see note)." },
    DIFFERENT: { description: "They are different rounds." },
  },
});

@Entity("award_edition")
@ObjectType("AwardEdition", {
  description: "One round of the Paritrana Award: national, or provincial for one province.",
})
export class AwardEdition {
  @PrimaryColumn("text")
  @Field(() => ID, { description: 'Stable id, lowercase words joined by hyphens: "paritrana-2024-sumsel".' })
  id!: string;

  @Column("text")
  @Field({ description: 'Its name as recorded: "Paritrana Award 2024, Provinsi Sumatera Selatan".' })
  name!: string;

  @Column("text")
  @Field(() => AwardLevel, { description: "Provincial (one province) or national." })
  level!: AwardLevel;

  @Column("text", { name: "province_code", nullable: true })
  provinceCode!: string | null;

  @Column("text", { name: "press_label", nullable: true })
  @Field(() => String, {
    nullable: true,
    description:
      "How the press names it (\"Paritrana Award 2023\"): the year may be the assessment's or the ceremony's.",
  })
  pressLabel!: string | null;

  @Column("int", { name: "assessment_year", nullable: true })
  @Field(() => Int, {
    nullable: true,
    description: "The year assessed (tahun penilaian), when a source establishes it.",
  })
  assessmentYear!: number | null;

  @Column("date", { name: "assessment_start", nullable: true })
  @Field(() => DateScalar, {
    nullable: true,
    description: "First day of the assessment period (masa penilaian), when a source dates it.",
  })
  assessmentStart!: IsoDate | null;

  @Column("date", { name: "assessment_end", nullable: true })
  @Field(() => DateScalar, {
    nullable: true,
    description: "Last day of the assessment period, when a source dates it.",
  })
  assessmentEnd!: IsoDate | null;

  @Column("date", { name: "ceremony_date", nullable: true })
  @Field(() => DateScalar, {
    nullable: true,
    description: "The award ceremony (penyerahan penghargaan), when a source dates it.",
  })
  ceremonyDate!: IsoDate | null;

  @Column("text", { name: "source_id" })
  sourceId!: string;

  @Column("text", { nullable: true })
  @Field(() => String, {
    nullable: true,
    description: "What to know about the edition: what the sources leave unclear.",
  })
  note!: string | null;
}

@Entity("edition_category")
export class EditionCategory {
  @PrimaryColumn("text", { name: "edition_id" })
  editionId!: string;

  @PrimaryColumn("text", { name: "category_code" })
  categoryCode!: string;

  @Column("int")
  position!: number;
}

@Entity("edition_identity")
@ObjectType("EditionIdentity", {
  description: "What is known of whether this edition and another are one round, with the reasoning.",
})
export class EditionIdentity {
  @PrimaryColumn("text", { name: "edition_id" })
  editionId!: string;

  @PrimaryColumn("text", { name: "other_edition_id" })
  otherEditionId!: string;

  @Column("text")
  @Field(() => EditionIdentityAssessment, { description: "SAME, POSSIBLY_SAME or DIFFERENT." })
  assessment!: EditionIdentityAssessment;

  @Column("text")
  @Field({ description: "The reasoning: what the sources say and leave open." })
  note!: string;
}

/** Who confers the award: the rule of a level (editionId null), or what a source says of one edition. */
@Entity("award_giver")
@ObjectType("AwardGiver", {
  description:
    "Who confers the Paritrana Award (pemberi penghargaan) at a level, or for one edition, and who organises it.",
})
export class AwardGiver {
  @PrimaryColumn("text")
  id!: string;

  @Column("text")
  @Field(() => AwardLevel, { description: "The level it confers at: provincial or national." })
  level!: AwardLevel;

  @Column("text", { name: "edition_id", nullable: true })
  editionId!: string | null;

  @Column("text", { name: "conferred_by" })
  @Field({
    description: 'Who confers it: "Presiden Republik Indonesia", "Pemerintah Provinsi Sumatera Selatan".',
  })
  conferredBy!: string;

  @Column("text", { name: "organised_by", nullable: true })
  @Field(() => String, { nullable: true, description: "Who organises it (penyelenggara)." })
  organisedBy!: string | null;

  @Column("text", { name: "source_id" })
  sourceId!: string;

  @Column("text", { nullable: true })
  @Field(() => String, { nullable: true, description: "What to know about it: where a source says so." })
  note!: string | null;

  @Column("boolean", { default: false })
  @Field({
    description: "True when it is not printed for this level or edition but derived (see inference).",
  })
  inferred!: boolean;

  @Column("text", { nullable: true })
  @Field(() => String, { nullable: true, description: "What was assumed, from which words, when inferred." })
  inference!: string | null;
}
