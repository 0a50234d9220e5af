import { DateScalar, FigureStatus, SourceInput } from "@cakupan/kit";
import { Field, Float, ID, InputType, Int } from "type-graphql";

export { SourceInput };
import { DatePrecision, ParticipantCategory } from "./coverage-report.entity";

@InputType("BreakdownInput", { description: "Part of the total: a segment, group or funding source and its persons." })
export class BreakdownInput {
  @Field(() => ParticipantCategory)
  category!: ParticipantCategory;

  @Field(() => Int)
  persons!: number;

  @Field(() => FigureStatus, { defaultValue: FigureStatus.REPORTED })
  status!: FigureStatus;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType("CoverageReportInput", { description: "Active participants of a regency at a date, from one source." })
export class CoverageReportInput {
  @Field(() => ID, { description: "Kemendagri regency code: \"16.06\"." })
  regencyCode!: string;

  @Field(() => DateScalar, { description: "The date the figures hold for; not in the future." })
  asOf!: Date;

  @Field(() => DatePrecision, { defaultValue: DatePrecision.DAY })
  asOfPrecision!: DatePrecision;

  @Field(() => Int, { description: "Active participants in total; 0 or more." })
  activeParticipants!: number;

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

  @Field(() => Float, { nullable: true, description: "The target rate that claimed gap is for; required with claimedGap." })
  claimedGapTarget?: number | null;

  @Field(() => Int, { nullable: true })
  claimedGapYear?: number | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}
