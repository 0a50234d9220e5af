import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";

export enum RegencyKind {
  /** Kabupaten: a rural regency. */
  KABUPATEN = "KABUPATEN",
  /** Kota: a city. */
  KOTA = "KOTA",
}
registerEnumType(RegencyKind, {
  name: "RegencyKind",
  description: "Kabupaten (regency) or kota (city).",
  valuesConfig: {
    KABUPATEN: { description: 'Kabupaten: a regency, headed by a bupati ("Kabupaten Musi Banyuasin").' },
    KOTA: { description: 'Kota: a city, headed by a wali kota ("Kota Palembang").' },
  },
});

@Entity("regency")
@ObjectType("Regency", {
  description: 'A regency or city (kabupaten/kota), keyed by its Kemendagri code ("16.06").',
  // Plain columns: graphql-js reads them itself, without type-graphql's wrapper of every field, which has no
  // middleware to run on them (the national table reads ~8,000 such fields). Field resolvers keep theirs.
  simpleResolvers: true,
})
@Directive('@key(fields: "code")')
export class Regency {
  @PrimaryColumn("text")
  @Field(() => ID, {
    description: 'Kemendagri code (kode wilayah): "16.06". BPS codes differ and are not accepted.',
  })
  code!: string;

  @Column("text", { name: "province_code" })
  provinceCode!: string;

  @Column("text")
  @Field({ description: 'Official name (nama resmi): "Kabupaten Musi Banyuasin".' })
  name!: string;

  @Column("text", { name: "short_name" })
  @Field({ description: 'Name without Kabupaten/Kota: "Musi Banyuasin".' })
  shortName!: string;

  @Column("text")
  @Field(() => RegencyKind, { description: "Kabupaten or kota." })
  kind!: RegencyKind;
}

const PREFIXES: [string, RegencyKind][] = [
  ["Kabupaten Administrasi ", RegencyKind.KABUPATEN],
  ["Kota Administrasi ", RegencyKind.KOTA],
  ["Kabupaten ", RegencyKind.KABUPATEN],
  ["Kota ", RegencyKind.KOTA],
];

/** "Kabupaten Musi Banyuasin" -> KABUPATEN, "Musi Banyuasin". */
export function parseRegencyName(name: string): { kind: RegencyKind; shortName: string } {
  for (const [prefix, kind] of PREFIXES) {
    if (name.startsWith(prefix)) return { kind, shortName: name.slice(prefix.length) };
  }
  throw new Error(
    `Regency name "${name}" starts with neither "Kabupaten" nor "Kota": the area data changed its naming.`,
  );
}
