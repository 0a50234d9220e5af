import { assertAreaCode, type RequestContext } from "@cakupan/kit";
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { District } from "./district.entity";
import { districtByCode, regencyByCode } from "./loaders";
import { Regency } from "./regency.entity";
import { VillageConnection } from "./village.entity";
import { VillagePageArgs, villagePage } from "./village.page";

@Resolver(() => District)
export class DistrictResolver {
  @Query(() => District, {
    nullable: true,
    description: 'A district by Kemendagri code ("16.06.01"); null when no such code.',
  })
  district(
    @Arg("code", () => ID, {
      description: 'Kemendagri district code: "16.06.01"; a malformed one is refused (BAD_USER_INPUT).',
    })
    code: string,
    @Ctx() context: RequestContext,
  ): Promise<District | null> {
    return context.loader(districtByCode).load(assertAreaCode("district", code));
  }

  @FieldResolver(() => Regency, { description: "The regency or city it belongs to." })
  async regency(@Root() district: District, @Ctx() context: RequestContext): Promise<Regency> {
    return (await context.loader(regencyByCode).load(district.regencyCode))!;
  }

  @FieldResolver(() => VillageConnection, {
    description: "Its villages (desa/kelurahan), a page at a time, in code order.",
  })
  villages(
    @Root() district: District,
    @Ctx() { dataSource }: RequestContext,
    @Args(() => VillagePageArgs) page: VillagePageArgs,
  ): Promise<VillageConnection> {
    return villagePage(dataSource, { column: "district_code", code: district.code }, page);
  }
}
