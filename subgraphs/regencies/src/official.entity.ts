import type { IsoDate } from "@cakupan/kit";
import { DateScalar } from "@cakupan/kit";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
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
  valuesConfig: {
    GOVERNOR: { description: "Gubernur: the elected head of a province." },
    ACTING_GOVERNOR: {
      description: "Penjabat (Pj) Gubernur: appointed to head a province between elected ones.",
    },
    REGENT: {
      description: "Bupati (of a kabupaten) or Wali Kota (of a kota): the elected head of a regency or city.",
    },
    ACTING_REGENT: {
      description:
        "Penjabat (Pj) Bupati or Wali Kota: appointed to head a regency or city between elected ones.",
    },
    REGIONAL_SECRETARY: { description: "Sekretaris Daerah (Sekda): the head of a region's civil service." },
    ASSISTANT: { description: "Asisten (Asisten I, II, III): an assistant to the regional secretary." },
    LABOUR_OFFICE_HEAD: {
      description: "Kepala Dinas Tenaga Kerja (Kadisnaker): the head of a region's labour office.",
    },
    BRANCH_HEAD: { description: "Kepala Cabang: the head of a BPJS Ketenagakerjaan branch office." },
    BPJS_EXECUTIVE: {
      description: "An officer of BPJS Ketenagakerjaan's head office (Deputi, Asisten Deputi, ...).",
    },
    MINISTRY_OFFICIAL: { description: "An official of a ministry (kementerian), such as Kemenko PMK." },
  },
});

@Entity("official")
@ObjectType("Official", {
  description:
    "A person in an office (pejabat) as a source states it: role, title as printed, and when the source saw them in it. `roles` gives the person's offices across the sources as a timeline.",
})
export class Official {
  @PrimaryColumn("text")
  @Field(() => ID, {
    description:
      'Stable id of this record (one person in one office, as one source shows it): "toha-tohet-bupati-muba-2025".',
  })
  id!: string;

  @Column("text", { name: "person_name" })
  @Field({ description: "Name as printed, with titles (gelar)." })
  name!: string;

  @Column("text")
  @Field(() => OfficialRole, { description: "The kind of office; title gives the source's own words." })
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
  @Field(() => DateScalar, {
    nullable: true,
    description:
      "The date the source shows the person in office; null when the source is not dated to the day (see note).",
  })
  reportedOn!: IsoDate | null;

  @Column("int", { name: "reported_year", nullable: true })
  @Field(() => Int, {
    nullable: true,
    description: "The year the source places the person in office, when it does not give the day.",
  })
  reportedYear!: number | null;

  @Column("date", { name: "period_start", nullable: true })
  @Field(() => DateScalar, {
    nullable: true,
    description: "Start of the term (masa jabatan), when a source gives it.",
  })
  periodStart!: IsoDate | null;

  @Column("date", { name: "period_end", nullable: true })
  @Field(() => DateScalar, { nullable: true, description: "End of the term, when a source gives it." })
  periodEnd!: IsoDate | null;

  @Column("text", { name: "source_id" })
  sourceId!: string;

  @Column("text", { nullable: true })
  @Field(() => String, {
    nullable: true,
    description: "What to know about the record: how it is dated, what the sources do not say.",
  })
  note!: string | null;

  @Column("text", { name: "person_id" })
  @Field(() => ID, {
    description:
      "The person: records of one person share it (roles gives their timeline). Two records share it only where the sources show one person.",
  })
  personId!: string;

  @Column("boolean", { default: false })
  @Field({
    description: "True when the record's date or office is not printed as given but derived (see inference).",
  })
  inferred!: boolean;

  @Column("text", { nullable: true })
  @Field(() => String, { nullable: true, description: "What was assumed, from which words, when inferred." })
  inference!: string | null;
}

@ObjectType("OfficeHeld", {
  description: "One office in a person's timeline (riwayat jabatan), as a source shows it.",
})
export class OfficeHeld {
  @Field({ description: 'The title exactly as the source prints it ("Sekda Muba", "Pj Bupati").' })
  title!: string;

  @Field(() => OfficialRole, { description: "The kind of office; title gives the source's own words." })
  role!: OfficialRole;

  @Field({ description: "The organisation of the office." })
  organisation!: string;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      "The first date known in the office: the term's start when a source gives it (termKnown), else the date the source shows the person in it; null when the source does not date it to the day (see year).",
  })
  from!: IsoDate | null;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      "The last date known in the office: the term's end when a source gives it, else the date the source shows the person in it. Not the end of the term unless termKnown.",
  })
  until!: IsoDate | null;

  @Field({
    description:
      "True when from and until are the term (masa jabatan) a source gives; false when they are only the dates a source shows the person in office.",
  })
  termKnown!: boolean;

  @Field(() => Int, {
    nullable: true,
    description: "The year the source places it in, when it does not give the day.",
  })
  year!: number | null;

  @Field({ description: "True when the date or office is derived, not printed as given (see inference)." })
  inferred!: boolean;

  @Field(() => String, { nullable: true, description: "What was assumed, from which words, when inferred." })
  inference!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "What to know about the record: how it is dated, what the sources do not say.",
  })
  note!: string | null;

  /** The record it comes from. */
  officialId!: string;
  sourceId!: string;
}
