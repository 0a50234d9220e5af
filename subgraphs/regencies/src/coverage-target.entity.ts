import { FigureStatus, numericAsNumber } from "@cakupan/kit";
import { Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

export enum TargetScope {
  NATIONAL = "NATIONAL",
  PROVINCE = "PROVINCE",
  REGENCY = "REGENCY",
}
registerEnumType(TargetScope, {
  name: "TargetScope",
  description:
    "Whom a target was set for: the nation (nasional), a province or a regency. A regency without its own target for a year and scheme takes the province's, then the national one.",
  valuesConfig: {
    NATIONAL: {
      description: "The national target (target nasional), for every regency without a nearer one.",
    },
    PROVINCE: { description: "A province's own target, for its regencies without their own." },
    REGENCY: { description: "The regency's own target." },
  },
});

@Entity("coverage_target")
@ObjectType("CoverageTarget", {
  description: "A coverage target (target cakupan kepesertaan) for a year and scheme.",
  // Plain columns, read by graphql-js itself (see Regency).
  simpleResolvers: true,
})
export class CoverageTarget {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column("text")
  @Field(() => TargetScope, {
    description: "Whom it was set for: the nation, the regency's province or the regency itself.",
  })
  scope!: TargetScope;

  /** Province or regency code; null for a national target. */
  @Column("text", { name: "area_code", nullable: true })
  areaCode!: string | null;

  @Column("int")
  @Field(() => Int, { description: "The year (tahun) by whose end the target is to be reached." })
  year!: number;

  @Column("numeric", { precision: 6, scale: 4, transformer: numericAsNumber })
  @Field(() => Float, { description: "The target as a fraction of the workforce: 0.5215 for 52.15%." })
  rate!: number;

  @Column("text")
  @Field({ description: "The scheme the target belongs to: UCJ is Universal Coverage Jamsostek." })
  scheme!: string;

  @Column("text")
  @Field(() => FigureStatus, {
    description: "REPORTED when a source states the target as it is, ESTIMATE when only approximately.",
  })
  status!: FigureStatus;

  @Column("text", { name: "source_id" })
  sourceId!: string;

  @Column("text", { nullable: true })
  @Field(() => String, {
    nullable: true,
    description: "What to know about the target: where the source states it and in which words.",
  })
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
