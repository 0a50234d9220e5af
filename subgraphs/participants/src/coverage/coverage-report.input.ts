import { DateScalar, FigureStatus, SourceInput } from "@cakupan/kit";
import { Field, Float, ID, InputType, Int } from "type-graphql";

export { SourceInput };
import { CoverageMeasure, DatePrecision, ParticipantCategory } from "./coverage-report.entity";

@InputType("BreakdownInput", {
  description: "Part of the total: a segment, group or funding source and its persons.",
})
export class BreakdownInput {
  @Field(() => ParticipantCategory)
  category!: ParticipantCategory;

  @Field(() => Int)
  persons!: number;

  @Field(() => FigureStatus, { defaultValue: FigureStatus.REPORTED })
  status!: FigureStatus;

  @Field(() => String, { nullable: true })
  note?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "When the category is not printed but derived: what was assumed, from which words. Marks the part inferred.",
  })
  inference?: string | null;
}

@InputType("CoverageReportInput", {
  description: "Active participants of a regency at a date, from one source.",
})
export class CoverageReportInput {
  @Field(() => ID, { description: 'Kemendagri regency code: "16.06".' })
  regencyCode!: string;

  @Field(() => DateScalar, { description: "The date the figures hold for; not in the future." })
  asOf!: Date;

  @Field(() => DatePrecision, { defaultValue: DatePrecision.DAY })
  asOfPrecision!: DatePrecision;

  @Field(() => Int, { description: "Participants in total, of the measure given; 0 or more." })
  activeParticipants!: number;

  @Field(() => CoverageMeasure, {
    defaultValue: CoverageMeasure.ACTIVE,
    description: "What the total counts, as the source prints it.",
  })
  measure!: CoverageMeasure;

  @Field(() => String, {
    nullable: true,
    description: 'The source\'s own words for it ("pekerja terdaftar").',
  })
  measureAsPrinted?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "When the date, its year or the measure is not printed but derived: what was assumed, from which words. Marks the report inferred.",
  })
  inference?: string | null;

  @Field(() => FigureStatus, { defaultValue: FigureStatus.REPORTED, description: "REPORTED or ESTIMATE." })
  status!: FigureStatus;

  @Field(() => SourceInput, { nullable: true, description: "Required: where the figures come from." })
  source?: SourceInput | null;

  @Field(() => [BreakdownInput], { defaultValue: [] })
  parts!: BreakdownInput[];

  @Field(() => Float, { nullable: true, description: "The rate the source states, as a fraction." })
  claimedRate?: number | null;

  @Field(() => Int, { nullable: true, description: "The persons the source says are still needed." })
  claimedGap?: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "The target rate that claimed gap is for; required with claimedGap.",
  })
  claimedGapTarget?: number | null;

  @Field(() => Int, { nullable: true })
  claimedGapYear?: number | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}
