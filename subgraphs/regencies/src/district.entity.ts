import { Directive, Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";

@Entity("district")
@ObjectType("District", { description: 'A district (kecamatan), keyed by its Kemendagri code ("16.06.01").' })
@Directive('@key(fields: "code")')
export class District {
  @PrimaryColumn("text")
  @Field(() => ID, { description: 'Kemendagri code: "16.06.01".' })
  code!: string;

  @Column("text", { name: "regency_code" })
  regencyCode!: string;

  @Column("text")
  @Field({ description: "Name (nama kecamatan)." })
  name!: string;
}
