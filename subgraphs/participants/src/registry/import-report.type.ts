import { Field, Int, ObjectType } from "type-graphql";
import { MAX_LISTED_PROBLEMS, type ProblemList } from "./participant-import";

@ObjectType("ImportProblem", {
  description: "A row of an import that cannot be stored, or a warning about one.",
})
export class ImportProblem {
  @Field(() => Int, { description: "The line in the file (the header is line 1)." })
  line!: number;

  @Field({ description: "The column, as the file names it." })
  column!: string;

  @Field({
    description: "The rule the row breaks (NIK_LENGTH, VILLAGE_UNKNOWN, ...), as problemsByRule counts them.",
  })
  rule!: string;

  @Field({ description: "What is wrong and how to fix it." })
  message!: string;
}

@ObjectType("ImportRuleCount", { description: "How many rows of an import break one rule." })
export class ImportRuleCount {
  @Field({ description: "The rule: NIK_LENGTH, VILLAGE_UNKNOWN, ..." })
  rule!: string;

  @Field(() => Int, { description: "How many of the import's problems break it." })
  count!: number;
}

/** What every import reports of its problems: the first ones listed, all counted, counted by rule. */
@ObjectType()
export abstract class ImportFindings {
  @Field(() => [ImportProblem], {
    description: `Rows that cannot be stored, with line, column, rule and reason: the first ${MAX_LISTED_PROBLEMS} (see problemCount). Any problem means nothing is stored.`,
  })
  problems!: ImportProblem[];

  @Field(() => Int, { description: "Every problem found, listed or not." })
  problemCount!: number;

  @Field(() => [ImportRuleCount], { description: "Every problem counted by rule, the most frequent first." })
  problemsByRule!: ImportRuleCount[];
}

/** An import's problems as its report shows them. */
export function findingsOf(
  problems: ProblemList,
): Pick<ImportFindings, "problems" | "problemCount" | "problemsByRule"> {
  return {
    problems: problems.listed.map((problem) => Object.assign(new ImportProblem(), problem)),
    problemCount: problems.count,
    problemsByRule: problems.counts().map((count) => Object.assign(new ImportRuleCount(), count)),
  };
}
