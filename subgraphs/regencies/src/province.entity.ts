import { Directive, Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";

@Entity("province")
@ObjectType("Province", { description: 'A province (provinsi), keyed by its Kemendagri code ("16").' })
@Directive('@key(fields: "code")')
export class Province {
  @PrimaryColumn("text")
  @Field(() => ID, { description: 'Kemendagri code (kode wilayah), two digits: "16".' })
  code!: string;

  @Column("text")
  @Field({ description: 'Official name (nama), e.g. "Sumatera Selatan".' })
  name!: string;
}
