import { DateScalar, FigureStatus, SourceInput } from "@cakupan/kit";
import { Field, Float, ID, InputType, Int } from "type-graphql";

export { SourceInput };
import { CoverageMeasure, DatePrecision, ParticipantCategory } from "./coverage-report.entity";

@InputType("BreakdownInput", {
  description: "Part of the total: a segment, group or funding source and its persons.",
})
export class BreakdownInput {
  @Field(() => ParticipantCategory, {
    description: "The segment, group or funding source; each category at most once in a report.",
  })
  category!: ParticipantCategory;

  @Field(() => Int, {
    description:
      "Persons in it, 0 or more; the parts of one dimension add up to at most the report's activeParticipants.",
  })
  persons!: number;

  @Field(() => FigureStatus, {
    defaultValue: FigureStatus.REPORTED,
    description: "REPORTED as stated, or ESTIMATE when the source rounds ('sekitar').",
  })
  status!: FigureStatus;

  @Field(() => String, {
    nullable: true,
    description: "What to know about the part (at most 2000 characters).",
  })
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

  @Field(() => DatePrecision, {
    defaultValue: DatePrecision.DAY,
    description: "How exactly the source dates the figures: DAY, MONTH (give the month's last day) or YEAR.",
  })
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

  @Field(() => [BreakdownInput], {
    defaultValue: [],
    description:
      "The parts the source gives, by segment, group and funding (rincian); none when it gives only the total.",
  })
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

  @Field(() => Int, {
    nullable: true,
    description: "The year the source says the claimed gap is to be closed by (1900 to 2099).",
  })
  claimedGapYear?: number | null;

  @Field(() => String, {
    nullable: true,
    description: "What to know about the report: how it was read from the source (at most 2000 characters).",
  })
  note?: string | null;
}
