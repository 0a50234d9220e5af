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
});

@Entity("agreement")
@ObjectType("Agreement", {
  description: "An agreement (MoU/PKS) between a regional government and BPJS Ketenagakerjaan.",
})
export class Agreement {
  @PrimaryColumn("text")
  @Field(() => ID)
  id!: string;

  @Column("text")
  @Field(() => AgreementKind)
  kind!: AgreementKind;

  @Column("text")
  @Field()
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
  @Field(() => String, { nullable: true })
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
