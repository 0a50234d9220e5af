import { Field, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

@Entity("regency_alias")
@ObjectType("RegencyAlias", {
  description: "A short name the press uses for a regency (nama singkat/akronim), with why it is one.",
})
export class RegencyAlias {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column("text", { name: "regency_code" })
  regencyCode!: string;

  @Column("text")
  @Field({ description: 'The alias as written: "Muba".' })
  alias!: string;

  @Column("text")
  @Field({
    description:
      "Why it names this regency: an acronym of the official name, a spelling variant, or where a source uses it.",
  })
  rationale!: string;

  @Column("text", { name: "source_id", nullable: true })
  sourceId!: string | null;
}
