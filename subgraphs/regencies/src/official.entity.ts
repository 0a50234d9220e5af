import type { IsoDate } from "@cakupan/kit";
import { DateScalar } from "@cakupan/kit";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";

export enum OfficialRole {
  GOVERNOR = "GOVERNOR",
  ACTING_GOVERNOR = "ACTING_GOVERNOR",
  REGENT = "REGENT",
  ACTING_REGENT = "ACTING_REGENT",
  REGIONAL_SECRETARY = "REGIONAL_SECRETARY",
  ASSISTANT = "ASSISTANT",
  LABOUR_OFFICE_HEAD = "LABOUR_OFFICE_HEAD",
  BRANCH_HEAD = "BRANCH_HEAD",
  BPJS_EXECUTIVE = "BPJS_EXECUTIVE",
  MINISTRY_OFFICIAL = "MINISTRY_OFFICIAL",
}
registerEnumType(OfficialRole, {
  name: "OfficialRole",
  description:
    "Gubernur, Pj Gubernur, Bupati/Wali Kota, Pj Bupati, Sekda, Asisten, Kepala Dinas Ketenagakerjaan, Kepala Cabang BPJS Ketenagakerjaan, BPJS Ketenagakerjaan head office, ministry.",
});

@Entity("official")
@ObjectType("Official", {
  description: "A person in an office (pejabat) as a source states it: role, title as printed, and when the source saw them in it.",
})
export class Official {
  @PrimaryColumn("text")
  @Field(() => ID)
  id!: string;

  @Column("text", { name: "person_name" })
  @Field({ description: "Name as printed, with titles (gelar)." })
  name!: string;

  @Column("text")
  @Field(() => OfficialRole)
  role!: OfficialRole;

  @Column("text")
  @Field({ description: "The title (jabatan) exactly as the source prints it." })
  title!: string;

  @Column("text")
  @Field({ description: "The organisation of the office." })
  organisation!: string;

  @Column("text", { name: "regency_code", nullable: true })
  regencyCode!: string | null;

  @Column("text", { name: "province_code", nullable: true })
  provinceCode!: string | null;

  @Column("text", { name: "branch_office_id", nullable: true })
  branchOfficeId!: string | null;

  @Column("date", { name: "reported_on", nullable: true })
  @Field(() => DateScalar, { nullable: true, description: "The date the source shows the person in office; null when the source is not dated to the day (see note)." })
  reportedOn!: IsoDate | null;

  @Column("date", { name: "period_start", nullable: true })
  @Field(() => DateScalar, { nullable: true, description: "Start of the term (masa jabatan), when a source gives it." })
  periodStart!: IsoDate | null;

  @Column("date", { name: "period_end", nullable: true })
  @Field(() => DateScalar, { nullable: true, description: "End of the term, when a source gives it." })
  periodEnd!: IsoDate | null;

  @Column("text", { name: "source_id" })
  sourceId!: string;

  @Column("text", { nullable: true })
  @Field(() => String, { nullable: true })
  note!: string | null;
}
