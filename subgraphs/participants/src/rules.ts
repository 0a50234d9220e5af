import { sourceFieldResolver } from "@cakupan/kit";
import { Field, ObjectType, Query, Resolver } from "type-graphql";

/**
 * Rules of the world the participants subgraph applies: figures and choices set outside the sources' news
 * (a regulation, a convention). Each is data with its source, or, where no regulation text could be checked,
 * a documented assumption that a deployment overrides through an environment variable.
 */
interface RuleDefinition {
  description: string;
  defaultValue: string;
  unit: string | null;
  env: string;
  /** The regulation it comes from; null for an assumption. */
  sourceId: string | null;
  note: string;
}

export const RULES = {
  MINIMUM_BPU_CONTRIBUTION: {
    description:
      "The lowest monthly contribution a non-wage worker (BPU) may pay for JKK and JKM (iuran minimum).",
    defaultValue: "16800",
    unit: "Rupiah per month",
    env: "RULE_MINIMUM_BPU_CONTRIBUTION",
    sourceId: null,
    note:
      "An assumption: Rp16.800 is the figure the registry was built with, and no regulation text available when it was " +
      "recorded could confirm it. Set RULE_MINIMUM_BPU_CONTRIBUTION (whole Rupiah) where the regulation in force says " +
      "otherwise; the participant import refuses lower contributions of non-wage workers.",
  },
  COVERAGE_TARGET_SCHEME: {
    description:
      "The scheme whose targets coverage is measured against when a regency has targets of several schemes.",
    defaultValue: "UCJ",
    unit: null,
    env: "RULE_COVERAGE_TARGET_SCHEME",
    sourceId: null,
    note:
      "An assumption: the seeds print a 'target nasional' (52.15% for 2025) without naming its scheme; it is filed as UCJ " +
      "(Universal Coverage Jamsostek), and coverage measures against UCJ targets. Set RULE_COVERAGE_TARGET_SCHEME to " +
      "measure against another scheme's targets.",
  },
} satisfies Record<string, RuleDefinition>;

export type RuleKey = keyof typeof RULES;

/** The value in force: the environment's override, else the default. */
export function ruleValue(key: RuleKey): string {
  const override = process.env[RULES[key].env]?.trim();
  return override || RULES[key].defaultValue;
}

/** A rule whose value is a whole number; a malformed override is a configuration error, said at once. */
export function ruleInteger(key: RuleKey): number {
  const value = ruleValue(key);
  if (!/^\d+$/.test(value))
    throw new Error(`${RULES[key].env}="${value}" is not a whole number: ${RULES[key].description}`);
  return Number(value);
}

@ObjectType("Rule", {
  description:
    "A rule of the world the figures depend on (aturan): a regulated amount or a convention, with its source, or marked as a documented assumption.",
})
export class Rule {
  @Field({ description: "MINIMUM_BPU_CONTRIBUTION, COVERAGE_TARGET_SCHEME." })
  key!: string;

  @Field({ description: "What the rule is, in a sentence." })
  description!: string;

  @Field({ description: "The value in force, as text (16800, UCJ)." })
  value!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The unit of value ("Rupiah per month"); null for a name or code.',
  })
  unit!: string | null;

  @Field({
    description: "True when no regulation is cited: a documented assumption (see note), configurable.",
  })
  assumption!: boolean;

  @Field({ description: "The environment variable that overrides it." })
  configuredBy!: string;

  @Field({ description: "True when that variable sets the value in force." })
  overridden!: boolean;

  @Field({ description: "Where the value comes from or why it is an assumption, and what it governs." })
  note!: string;

  sourceId!: string | null;
}

@Resolver(() => Rule)
export class RuleResolver {
  @Query(() => [Rule], {
    description:
      "The rules of the world the participants subgraph applies, with their sources or as assumptions.",
  })
  participantRules(): Rule[] {
    return (Object.entries(RULES) as [RuleKey, RuleDefinition][]).map(([key, rule]) =>
      Object.assign(new Rule(), {
        key,
        description: rule.description,
        value: ruleValue(key),
        unit: rule.unit,
        assumption: rule.sourceId === null,
        configuredBy: rule.env,
        overridden: Boolean(process.env[rule.env]?.trim()),
        note: rule.note,
        sourceId: rule.sourceId,
      }),
    );
  }
}

export const ruleSourceResolver = sourceFieldResolver(Rule, {
  nullable: true,
  description: "The regulation it comes from; null for an assumption.",
});
