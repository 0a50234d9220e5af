import { type RequestContext, Source, SOURCE_SELECTION, sourceById } from "@cakupan/kit";
import { Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from "type-graphql";

/**
 * The participants subgraph's Coverage, as far as this subgraph answers it: its `sources`. Coverage computes
 * with the workforce estimate's and the target's figures and carries their sources by id only; the sources
 * themselves are this subgraph's, resolved here when a caller asks for them (one statement for a whole table).
 */
@ObjectType("Coverage", {
  description:
    "Coverage of a regency at a date (cakupan kepesertaan): the last report at or before the date, against the workforce and target from the regencies subgraph.",
})
@Directive(`@key(fields: "reportSource { ${SOURCE_SELECTION} } workforceSourceId targetSourceId")`)
export class Coverage {
  @Field(() => Source, { description: "The report's source, for the regencies subgraph's `sources`." })
  @Directive("@inaccessible")
  reportSource!: Source;

  @Field(() => ID, { nullable: true, description: "The workforce estimate's source; null without one." })
  @Directive("@inaccessible")
  workforceSourceId!: string | null;

  @Field(() => ID, { nullable: true, description: "The target's source; null without a target." })
  @Directive("@inaccessible")
  targetSourceId!: string | null;
}

@Resolver(() => Coverage)
export class CoverageSourcesResolver {
  @FieldResolver(() => [Source], {
    description:
      "Every source behind these figures: the report's, the workforce estimate's and the target's.",
  })
  async sources(@Root() coverage: Coverage, @Ctx() context: RequestContext): Promise<Source[]> {
    const ids = [coverage.workforceSourceId, coverage.targetSourceId].filter((id): id is string => !!id);
    const loaded = await context.loader(sourceById).loadMany(ids);
    const figures = loaded.filter((source): source is Source => source instanceof Source);
    const all = [coverage.reportSource, ...figures].filter((source): source is Source => !!source);
    return [...new Map(all.map((source) => [source.id, source])).values()];
  }
}

/** A Coverage handed over by the participants subgraph: its key is all `sources` needs. */
export function resolveCoverageReference(reference: Coverage): Coverage {
  return Object.assign(new Coverage(), reference);
}
