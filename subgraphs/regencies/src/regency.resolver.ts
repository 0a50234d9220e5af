import {
  assertAreaCode,
  badUserInput,
  regionSearchText,
  type RequestContext,
  TEXT_LIMITS,
} from "@cakupan/kit";
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { Agreement } from "./agreement.entity";
import { BranchOffice } from "./branch-office.entity";
import { CoverageTarget } from "./coverage-target.entity";
import { District } from "./district.entity";
import {
  agreementsByRegency,
  aliasesByRegency,
  branchLinksByRegency,
  branchOfficeById,
  districtsByRegency,
  officialsByRegency,
  provinceByCode,
  regencyByCode,
  targetsForRegency,
  workforceByRegency,
} from "./loaders";
import { Official } from "./official.entity";
import { Province } from "./province.entity";
import { RegencyAlias } from "./regency-alias.entity";
import { Regency } from "./regency.entity";
import { VillagePageArgs, villagePage } from "./village.page";
import { VillageConnection } from "./village.entity";
import { WorkforceEstimate } from "./workforce-estimate.entity";

/** "Kab. Musi Banyuasin", "kabupaten  muba " -> "musi banyuasin", "muba": the region resolver's folding. */
export const normaliseSearch = (search: string): string => regionSearchText(search);

/** A column folded as regionSearchText folds a search: lowercase, punctuation as single spaces ("toli toli"). */
const folded = (column: string) => `trim(regexp_replace(lower(${column}), '[^a-z0-9]+', ' ', 'g'))`;

function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The most regencies one regencies(codes:) asks for: the CSV export's documented maximum. */
export const MAX_CODES = 1000;

@ArgsType()
export class RegencyFilterArgs {
  @Field(() => ID, { nullable: true, description: 'Only the regencies of this province ("16").' })
  provinceCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Part of the name or an alias, case-insensitive ("muba").',
  })
  search?: string | null;

  @Field(() => [ID], {
    nullable: true,
    description: `Only these regencies (Kemendagri codes, at most ${MAX_CODES}); unknown codes are left out.`,
  })
  codes?: string[] | null;
}

@Resolver(() => Regency)
export class RegencyResolver {
  @Query(() => Regency, {
    nullable: true,
    description: 'A regency or city by Kemendagri code ("16.06"); null when no such code.',
  })
  regency(
    @Arg("code", () => ID, {
      description:
        'Kemendagri regency code, "16.06" (not the BPS "1606"); a malformed one is refused (BAD_USER_INPUT).',
    })
    code: string,
    @Ctx() context: RequestContext,
  ): Promise<Regency | null> {
    return context.loader(regencyByCode).load(assertAreaCode("regency", code));
  }

  @Query(() => [Regency], {
    description:
      'Regencies and cities in code order, optionally of one province and/or matching `search`: part of the name or an alias, case-insensitive ("muba", "Musi", "Kab. Ogan Ilir"). Exact alias or name matches come first.',
  })
  async regencies(
    @Args(() => RegencyFilterArgs) { provinceCode, search, codes }: RegencyFilterArgs,
    @Ctx() { dataSource }: RequestContext,
  ): Promise<Regency[]> {
    const query = dataSource
      .getRepository(Regency)
      .createQueryBuilder("r")
      .select("r.code", "code")
      .addSelect("r.province_code", "provinceCode")
      .addSelect("r.name", "name")
      .addSelect("r.short_name", "shortName")
      .addSelect("r.kind", "kind");
    if (codes != null) {
      if (codes.length > MAX_CODES)
        throw badUserInput(
          `\`codes\` holds ${codes.length} codes; at most ${MAX_CODES} are answered at once.`,
          "codes",
        );
      if (!codes.length) return [];
      query.andWhere("r.code IN (:...codes)", {
        codes: codes.map((code) => assertAreaCode("regency", code, "codes")),
      });
    }
    if (provinceCode != null)
      query.andWhere("r.province_code = :provinceCode", {
        provinceCode: assertAreaCode("province", provinceCode, "provinceCode"),
      });
    if (search != null) {
      if (search.length > TEXT_LIMITS.search) {
        throw badUserInput(
          `\`search\` is ${search.length} characters long; it takes at most ${TEXT_LIMITS.search} characters of a name or an alias, like "muba".`,
          "search",
        );
      }
      const term = normaliseSearch(search);
      // Punctuation alone ("%", "-") names nothing: no region, rather than every one.
      if (!term && search.trim()) return [];
      if (!term)
        throw badUserInput(
          '`search` is empty: give part of a name or an alias, like "muba" or "Ogan".',
          "search",
        );
      const exactAlias = `EXISTS (SELECT 1 FROM regency_alias a WHERE a.regency_code = r.code AND ${folded("a.alias")} = :term)`;
      query
        .andWhere(
          `(${folded("r.name")} LIKE :pattern OR ${folded("r.short_name")} LIKE :pattern OR EXISTS (SELECT 1 FROM regency_alias a WHERE a.regency_code = r.code AND ${folded("a.alias")} LIKE :pattern))`,
          { pattern: likePattern(term), term },
        )
        .addSelect(`(${folded("r.short_name")} = :term OR ${exactAlias})`, "exact")
        .orderBy("exact", "DESC");
    }
    // Raw rows made into entities by hand: every regency, for the national table, in a third of the time
    // TypeORM's hydration took.
    const rows = await query.addOrderBy("r.code", "ASC").getRawMany<Regency & { exact?: boolean }>();
    // `exact` only orders a search's rows.
    return rows.map(({ exact: _exact, ...row }) => Object.assign(new Regency(), row));
  }

  @FieldResolver(() => [String], {
    description: 'Short names the press uses ("Muba"); aliasDetails says why each is one.',
  })
  async aliases(@Root() regency: Regency, @Ctx() context: RequestContext): Promise<string[]> {
    const rows = await context.loader(aliasesByRegency).load(regency.code);
    return rows.map((row) => row.alias);
  }

  @FieldResolver(() => [RegencyAlias], { description: "Each alias with its rationale and source." })
  aliasDetails(@Root() regency: Regency, @Ctx() context: RequestContext): Promise<RegencyAlias[]> {
    return context.loader(aliasesByRegency).load(regency.code);
  }

  @FieldResolver(() => Province, { description: "The province (provinsi) it belongs to." })
  async province(@Root() regency: Regency, @Ctx() context: RequestContext): Promise<Province> {
    return (await context.loader(provinceByCode).load(regency.provinceCode))!;
  }

  @FieldResolver(() => [District], { description: "Its districts (kecamatan), in code order." })
  districts(@Root() regency: Regency, @Ctx() context: RequestContext): Promise<District[]> {
    return context.loader(districtsByRegency).load(regency.code);
  }

  @FieldResolver(() => VillageConnection, {
    description: "Its villages (desa/kelurahan), a page at a time, in code order.",
  })
  villages(
    @Root() regency: Regency,
    @Ctx() { dataSource }: RequestContext,
    @Args(() => VillagePageArgs) page: VillagePageArgs,
  ): Promise<VillageConnection> {
    return villagePage(dataSource, { column: "regency_code", code: regency.code }, page);
  }

  @FieldResolver(() => [WorkforceEstimate], {
    description: "Workforce estimates (potensi tenaga kerja) by year: the denominator of coverage.",
  })
  workforceEstimates(@Root() regency: Regency, @Ctx() context: RequestContext): Promise<WorkforceEstimate[]> {
    return context.loader(workforceByRegency).load(regency.code);
  }

  @FieldResolver(() => [CoverageTarget], {
    description:
      "The coverage targets in force, per year and scheme: the regency's own, else its province's, else the national target (see scope).",
  })
  coverageTargets(@Root() regency: Regency, @Ctx() context: RequestContext): Promise<CoverageTarget[]> {
    return context.loader(targetsForRegency).load(regency.code);
  }

  @FieldResolver(() => [Official], { description: "Officials of the regency as the sources report them." })
  officials(@Root() regency: Regency, @Ctx() context: RequestContext): Promise<Official[]> {
    return context.loader(officialsByRegency).load(regency.code);
  }

  @FieldResolver(() => [BranchOffice], {
    description: "BPJS Ketenagakerjaan branch offices the sources connect with the regency.",
  })
  async branchOffices(@Root() regency: Regency, @Ctx() context: RequestContext): Promise<BranchOffice[]> {
    const links = await context.loader(branchLinksByRegency).load(regency.code);
    const offices = await context.loader(branchOfficeById).loadMany(links.map((link) => link.branchOfficeId));
    return offices.filter((office): office is BranchOffice => office instanceof BranchOffice);
  }

  @FieldResolver(() => [Agreement], { description: "Agreements (MoU, PKS) with BPJS Ketenagakerjaan." })
  agreements(@Root() regency: Regency, @Ctx() context: RequestContext): Promise<Agreement[]> {
    return context.loader(agreementsByRegency).load(regency.code);
  }
}
