import { Field, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";

export enum NomineeKind {
  REGENCY_GOVERNMENT = "REGENCY_GOVERNMENT",
  PROVINCE_GOVERNMENT = "PROVINCE_GOVERNMENT",
  VILLAGE_GOVERNMENT = "VILLAGE_GOVERNMENT",
  BUSINESS = "BUSINESS",
  PUBLIC_SERVICE_INSTITUTION = "PUBLIC_SERVICE_INSTITUTION",
}
registerEnumType(NomineeKind, {
  name: "NomineeKind",
  description:
    "Who a category takes: a regency/city government (pemerintah kabupaten/kota), a province government, a village/kelurahan government, a business (badan usaha) or a public service institution.",
  valuesConfig: {
    REGENCY_GOVERNMENT: {
      description: "A regency or city government (pemerintah kabupaten/kota): the nominee is a Regency.",
    },
    PROVINCE_GOVERNMENT: {
      description: "A province government (pemerintah provinsi): the nominee is a Province.",
    },
    VILLAGE_GOVERNMENT: {
      description: "A village or kelurahan government (pemerintah desa/kelurahan): the nominee is a Village.",
    },
    BUSINESS: { description: "A business (badan usaha): the nominee is an Organisation." },
    PUBLIC_SERVICE_INSTITUTION: {
      description: "A public service institution (lembaga layanan publik): the nominee is an Organisation.",
    },
  },
});

export enum BusinessSize {
  LARGE = "LARGE",
  MEDIUM = "MEDIUM",
  SMALL = "SMALL",
  MICRO = "MICRO",
}
registerEnumType(BusinessSize, {
  name: "BusinessSize",
  description: "Skala usaha: besar, menengah, kecil, mikro.",
  valuesConfig: {
    LARGE: { description: "Usaha besar: a large business." },
    MEDIUM: { description: "Usaha menengah: a medium business." },
    SMALL: { description: "Usaha kecil: a small business." },
    MICRO: { description: "Usaha mikro: a micro business." },
  },
});

@Entity("award_category")
@ObjectType("AwardCategory", { description: "A category (kategori) of the Paritrana Award." })
export class AwardCategory {
  @PrimaryColumn("text")
  @Field({ description: "Stable code: REGENCY_CITY_GOVERNMENT, BUSINESS_FINANCE, ..." })
  code!: string;

  @Column("text", { name: "name_id" })
  @Field({ description: 'Name in Indonesian, e.g. "Pemerintah Kabupaten/Kota".' })
  name!: string;

  @Column("text", { name: "name_en" })
  @Field({ description: "Name in English." })
  nameEn!: string;

  @Column("text", { name: "nominee_kind", nullable: true })
  @Field(() => NomineeKind, {
    nullable: true,
    description: "Who it takes; null for a category a source counts but does not name.",
  })
  nomineeKind!: NomineeKind | null;

  @Column("text", { name: "business_sector", nullable: true })
  @Field(() => String, {
    nullable: true,
    description: "For business categories: the sector (keuangan, perdagangan dan jasa, ...).",
  })
  businessSector!: string | null;

  @Column("text", { name: "business_size", nullable: true })
  @Field(() => BusinessSize, {
    nullable: true,
    description: "For business categories: the size of business it takes (skala usaha); else null.",
  })
  businessSize!: BusinessSize | null;

  @Column("boolean", { name: "named_by_source" })
  @Field({ description: "False for a category the source counts but does not name (its name here says so)." })
  namedBySource!: boolean;
}
