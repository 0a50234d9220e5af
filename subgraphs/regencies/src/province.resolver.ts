import { assertAreaCode, type RequestContext } from "@cakupan/kit";
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { provinceByCode, regenciesByProvince } from "./loaders";
import { Province } from "./province.entity";
import { Regency } from "./regency.entity";

@Resolver(() => Province)
export class ProvinceResolver {
  @Query(() => [Province], { description: "All 38 provinces, in code order." })
  provinces(@Ctx() { dataSource }: RequestContext): Promise<Province[]> {
    return dataSource.getRepository(Province).find({ order: { code: "ASC" } });
  }

  @Query(() => Province, {
    nullable: true,
    description: 'A province by Kemendagri code ("16"); null when no such province.',
  })
  province(
    @Arg("code", () => ID, {
      description: 'Kemendagri province code, two digits: "16"; a malformed one is refused (BAD_USER_INPUT).',
    })
    code: string,
    @Ctx() context: RequestContext,
  ): Promise<Province | null> {
    return context.loader(provinceByCode).load(assertAreaCode("province", code));
  }

  @FieldResolver(() => [Regency], { description: "Its regencies and cities, in code order." })
  regencies(@Root() province: Province, @Ctx() context: RequestContext): Promise<Regency[]> {
    return context.loader(regenciesByProvince).load(province.code);
  }
}
