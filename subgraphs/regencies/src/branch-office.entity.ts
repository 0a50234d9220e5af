import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";

@Entity("branch_office")
@ObjectType("BranchOffice", { description: "A BPJS Ketenagakerjaan branch office (kantor cabang)." })
export class BranchOffice {
  @PrimaryColumn("text")
  @Field(() => ID, {
    description: 'Stable id, lowercase words joined by hyphens: "bpjstk-cabang-palembang".',
  })
  id!: string;

  @Column("text")
  @Field({ description: 'Name as the sources give it: "BPJS Ketenagakerjaan Cabang Palembang".' })
  name!: string;

  @Column("text", { name: "source_id" })
  sourceId!: string;
}

/** A regency a source connects a branch office with, and on what basis. */
@Entity("branch_office_regency")
@ObjectType("BranchOfficeRegency", {
  description:
    "A regency a source connects with a branch office, and why. The sources' links, not the office's whole service area.",
})
export class BranchOfficeRegency {
  @PrimaryColumn("text", { name: "branch_office_id" })
  branchOfficeId!: string;

  @PrimaryColumn("text", { name: "regency_code" })
  regencyCode!: string;

  @Column("text")
  @Field({ description: "What in the source connects them (e.g. the branch signed the regency's MoU)." })
  basis!: string;

  @Column("text", { name: "source_id" })
  sourceId!: string;

  @Column("boolean", { default: false })
  @Field({
    description: "True when this is not printed by the source but derived from its words (see inference).",
  })
  inferred!: boolean;

  @Column("text", { nullable: true })
  @Field(() => String, { nullable: true, description: "What was assumed, from which words, when inferred." })
  inference!: string | null;
}
