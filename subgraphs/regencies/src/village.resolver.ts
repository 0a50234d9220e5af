import { assertAreaCode, type RequestContext } from "@cakupan/kit";
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { District } from "./district.entity";
import { districtByCode, villageByCode } from "./loaders";
import { Village } from "./village.entity";

@Resolver(() => Village)
export class VillageResolver {
  @Query(() => Village, {
    nullable: true,
    description: 'A village by Kemendagri code ("16.06.01.2001"); null when no such code.',
  })
  village(
    @Arg("code", () => ID, {
      description: 'Kemendagri village code: "16.06.01.2001"; a malformed one is refused (BAD_USER_INPUT).',
    })
    code: string,
    @Ctx() context: RequestContext,
  ): Promise<Village | null> {
    return context.loader(villageByCode).load(assertAreaCode("village", code));
  }

  @FieldResolver(() => District, { description: "The district (kecamatan) it belongs to." })
  async district(@Root() village: Village, @Ctx() context: RequestContext): Promise<District> {
    return (await context.loader(districtByCode).load(village.districtCode))!;
  }
}
