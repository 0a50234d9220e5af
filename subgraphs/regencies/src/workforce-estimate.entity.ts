import { FigureStatus } from "@cakupan/kit";
import { Field, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

@Entity("workforce_estimate")
@ObjectType("WorkforceEstimate", {
  description: "The workforce of a regency in a year (potensi tenaga kerja): the denominator of coverage.",
  // Plain columns, read by graphql-js itself (see Regency).
  simpleResolvers: true,
})
export class WorkforceEstimate {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column("text", { name: "regency_code" })
  regencyCode!: string;

  @Column("int")
  @Field(() => Int, { description: "The year the estimate is for (tahun)." })
  year!: number;

  @Column("int")
  @Field(() => Int, {
    description:
      'The workforce in persons (jiwa) for that year, as the source gives it ("total potensi tenaga kerja"): a count at a time, not a flow. What it counts is the source\'s definition (see note and source.cites).',
  })
  persons!: number;

  @Column("text")
  @Field(() => FigureStatus, {
    description: "REPORTED as the source states it, or ESTIMATE when the source rounds or approximates.",
  })
  status!: FigureStatus;

  @Column("text", { name: "source_id" })
  sourceId!: string;

  @Column("text", { nullable: true })
  @Field(() => String, { nullable: true, description: "What to know when using this figure." })
  note!: string | null;
}
