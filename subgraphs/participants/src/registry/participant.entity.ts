import { DateScalar, DateTimeScalar, type IsoDate } from "@cakupan/kit";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import { ParticipantCategory } from "../categories";
import type { Sex } from "./nik";

export enum ParticipantStatus {
  ACTIVE = "ACTIVE",
  NON_ACTIVE = "NON_ACTIVE",
}
registerEnumType(ParticipantStatus, {
  name: "ParticipantStatus",
  description: "Aktif or nonaktif (contributions stopped).",
  valuesConfig: {
    ACTIVE: { description: "Aktif: enrolled, contributions paid up." },
    NON_ACTIVE: { description: "Nonaktif: still enrolled, contributions stopped." },
  },
});

export enum SexValue {
  MALE = "MALE",
  FEMALE = "FEMALE",
}
registerEnumType(SexValue, {
  name: "Sex",
  description: "Laki-laki or perempuan, as the NIK encodes it.",
  valuesConfig: {
    MALE: { description: "Laki-laki: the NIK's digits 7-8 are the day of birth." },
    FEMALE: { description: "Perempuan: the NIK's digits 7-8 are the day of birth plus 40." },
  },
});

export enum Program {
  JKK = "JKK",
  JKM = "JKM",
  JHT = "JHT",
  JP = "JP",
  JKP = "JKP",
}
registerEnumType(Program, {
  name: "Program",
  description: "JKK (work accident), JKM (death), JHT (old-age savings), JP (pension), JKP (job loss).",
  valuesConfig: {
    JKK: { description: "Jaminan Kecelakaan Kerja: work-accident insurance." },
    JKM: { description: "Jaminan Kematian: death benefit." },
    JHT: { description: "Jaminan Hari Tua: old-age savings." },
    JP: { description: "Jaminan Pensiun: pension." },
    JKP: { description: "Jaminan Kehilangan Pekerjaan: job-loss benefit." },
  },
});

/**
 * A worker enrolled by a regency (peserta terdaftar). Personal fields (NIK, name, birth date) are answered
 * only to operators of that regency and admins, and each such read is audited; everyone else sees the
 * masked NIK and the non-personal fields.
 */
@Entity("participant")
@ObjectType("Participant", {
  description: "A worker enrolled by a regency (peserta). Personal data only for the regency's operators.",
})
export class Participant {
  @PrimaryGeneratedColumn("increment", { type: "bigint" })
  @Field(() => ID, { description: "Record id in the registry; not the NIK." })
  id!: string;

  @Column("text", { name: "regency_code" })
  regencyCode!: string;

  @Column("text", { name: "nik_hash", select: true })
  nikHash!: string;

  @Column("bytea", { name: "nik_encrypted" })
  nikEncrypted!: Buffer;

  @Column("text", { name: "nik_masked" })
  @Field({ description: "The NIK with its personal digits hidden: 160601********01." })
  nikMasked!: string;

  @Column("text", { name: "full_name" })
  fullName!: string;

  @Column("text")
  @Field(() => SexValue, { description: "Laki-laki or perempuan, as the NIK encodes it." })
  sex!: Sex;

  @Column("date", { name: "birth_date" })
  birthDate!: IsoDate;

  @Column("text", { name: "village_code" })
  villageCode!: string;

  @Column("text", { name: "district_code" })
  districtCode!: string;

  @Column("text")
  @Field({ description: "Pekerjaan, as the labour office lists it." })
  occupation!: string;

  @Column("text")
  @Field(() => ParticipantCategory, { description: "Segment: NON_WAGE_EARNER (BPU) for vulnerable workers." })
  segment!: ParticipantCategory;

  @Column("text", { array: true })
  @Field(() => [Program], {
    description: "The BPJS Ketenagakerjaan programs enrolled in; an import requires JKK and JKM.",
  })
  programs!: Program[];

  @Column("text")
  @Field(() => ParticipantCategory, { description: "Who pays: APBD, APBDES, ..." })
  funding!: ParticipantCategory;

  @Column("int", { name: "monthly_contribution" })
  @Field(() => Int, { description: "Iuran per bulan, whole Rupiah." })
  monthlyContribution!: number;

  @Column("date", { name: "enrolled_on" })
  @Field(() => DateScalar, { description: "The date of enrolment (tanggal daftar), as the list gives it." })
  enrolledOn!: IsoDate;

  @Column("text")
  @Field(() => ParticipantStatus, { description: "Aktif or nonaktif, as the last import gave it." })
  status!: ParticipantStatus;

  @Column("boolean")
  @Field({ description: "True for generated demo and benchmark records: never real people." })
  synthetic!: boolean;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  @Field(() => DateTimeScalar, { description: "When the record was first stored." })
  createdAt!: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt!: Date;

  /** Set by the resolver that loaded it: the caller may see personal data, and the read was audited. */
  revealed?: boolean;
}

@ObjectType("ParticipantStatusChange", { description: "When a participant became active or non-active." })
export class ParticipantStatusChange {
  participantId!: string;

  @Field(() => ParticipantStatus, { description: "The status it became." })
  status!: ParticipantStatus;

  @Field(() => DateScalar, {
    description:
      "The date it took effect: the enrolment date for a new record, else the day (WIB) of the import that changed it.",
  })
  since!: IsoDate;

  @Field(() => DateTimeScalar, { description: "When Cakupan recorded the change." })
  recordedAt!: Date;
}
