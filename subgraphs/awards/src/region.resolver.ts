import type { RequestContext } from "@cakupan/kit";
import { type ClassType, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { nomineeKey, nominationsByNominee, resultByNomination } from "./loaders";
import { AwardResult, Nomination, type NomineeType } from "./nomination.entity";
import { Province, Regency, Village } from "./region.entity";

/**
 * Fields this subgraph adds to another's entity are nullable: while awards is down the gateway answers the
 * rest of a region and nulls these, with an error naming the service.
 */
const UNAVAILABLE =
  " Null only while the awards service is unavailable (error SUBGRAPH_UNAVAILABLE names it).";

/** Regency, Province and Village get the same two fields: their nominations, and the results among them. */
function regionAwardsResolver(type: ClassType<{ code: string }>, nomineeType: NomineeType, label: string) {
  @Resolver(() => type)
  class RegionAwardsResolver {
    @FieldResolver(() => [Nomination], {
      nullable: true,
      description: `Nominations of the ${label} government for the Paritrana Award.${UNAVAILABLE}`,
    })
    nominations(@Root() region: { code: string }, @Ctx() context: RequestContext): Promise<Nomination[]> {
      return context.loader(nominationsByNominee).load(nomineeKey(nomineeType, region.code));
    }

    @FieldResolver(() => [AwardResult], {
      nullable: true,
      description: `Placings of the ${label} government in the Paritrana Award.${UNAVAILABLE}`,
    })
    async awards(@Root() region: { code: string }, @Ctx() context: RequestContext): Promise<AwardResult[]> {
      const nominations = await context
        .loader(nominationsByNominee)
        .load(nomineeKey(nomineeType, region.code));
      const results = await context.loader(resultByNomination).loadMany(nominations.map((n) => n.id));
      return results.filter((r): r is AwardResult => r instanceof AwardResult);
    }
  }
  return RegionAwardsResolver;
}

export const regionAwardsResolvers = [
  regionAwardsResolver(Regency, "REGENCY", "regency/city"),
  regionAwardsResolver(Province, "PROVINCE", "province"),
  regionAwardsResolver(Village, "VILLAGE", "village"),
] as const;

/** References carry only the key; awards and nominations are loaded by the fields above, batched. */
export const resolveRegionReference = <T>(reference: T): T => reference;
