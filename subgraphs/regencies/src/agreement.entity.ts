import type { IsoDate } from "@cakupan/kit";
import { DateScalar } from "@cakupan/kit";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";

export enum AgreementKind {
  /** Nota Kesepakatan / Memorandum of Understanding. */
  MOU = "MOU",
  /** Perjanjian Kerja Sama (PKS), the operational follow-up of an MoU. */
  COOPERATION_AGREEMENT = "COOPERATION_AGREEMENT",
}
registerEnumType(AgreementKind, {
  name: "AgreementKind",
  description: "Nota Kesepakatan (MoU) or Perjanjian Kerja Sama (PKS).",
  valuesConfig: {
    MOU: { description: "Nota Kesepakatan: a memorandum of understanding, the commitment." },
    COOPERATION_AGREEMENT: {
      description: "Perjanjian Kerja Sama (PKS): the operational agreement that follows an MoU.",
    },
  },
});

@Entity("agreement")
@ObjectType("Agreement", {
  description: "An agreement (MoU/PKS) between a regional government and BPJS Ketenagakerjaan.",
})
export class Agreement {
  @PrimaryColumn("text")
  @Field(() => ID, {
    description: 'Stable id, lowercase words joined by hyphens: "ogan-ilir-bpjstk-palembang-mou-2023".',
  })
  id!: string;

  @Column("text")
  @Field(() => AgreementKind, { description: "MoU (Nota Kesepakatan) or PKS (Perjanjian Kerja Sama)." })
  kind!: AgreementKind;

  @Column("text")
  @Field({ description: "The agreement's title (judul) as the source gives it, in Indonesian." })
  title!: string;

  @Column("text", { array: true })
  @Field(() => [String], { description: "The parties as the source names them." })
  parties!: string[];

  @Column("text", { name: "regency_code", nullable: true })
  regencyCode!: string | null;

  @Column("text", { name: "branch_office_id", nullable: true })
  branchOfficeId!: string | null;

  @Column("date", { name: "signed_on", nullable: true })
  @Field(() => DateScalar, { nullable: true, description: "Signing date, when the source prints it." })
  signedOn!: IsoDate | null;

  @Column("date", { name: "reported_on", nullable: true })
  @Field(() => DateScalar, {
    nullable: true,
    description: "The date of the report that tells of the agreement.",
  })
  reportedOn!: IsoDate | null;

  @Column("text")
  @Field({ description: "What it is for (tujuan), as the source states it." })
  purpose!: string;

  @Column("text", { name: "follow_up", nullable: true })
  @Field(() => String, {
    nullable: true,
    description: "The follow-up the source announces (Perbup, PKS, ...).",
  })
  followUp!: string | null;

  @Column("text", { name: "source_id" })
  sourceId!: string;

  @Column("text", { nullable: true })
  @Field(() => String, {
    nullable: true,
    description: "What to know about it: what the source leaves out or leaves unclear.",
  })
  note!: string | null;

  @Column("boolean", { default: false })
  @Field({
    description: "True when this is not printed by the source but derived from its words (see inference).",
  })
  inferred!: boolean;

  @Column("text", { nullable: true })
  @Field(() => String, { nullable: true, description: "What was assumed, from which words, when inferred." })
  inference!: string | null;
}
