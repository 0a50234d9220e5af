import {
  assertAreaCode,
  assertId,
  audit,
  invalidInput,
  type RequestContext,
  resolveSourceInput,
  toIsoDate,
  Violations,
} from "@cakupan/kit";
import {
  Arg,
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Directive,
  Field,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import { In } from "typeorm";
import { AwardCategory } from "./award-category.entity";
import { AwardEdition, AwardGiver, EditionCategory, EditionIdentity } from "./award-edition.entity";
import { AwardCategoryInput, AwardEditionInput } from "./award.input";
import { categoryViolations, editionViolations } from "./award.validation";
import {
  categoriesByEdition,
  categoryByCode,
  editionById,
  giversByEditionOrLevel,
  identitiesByEdition,
  nominationsByEdition,
} from "./loaders";
import { Nomination } from "./nomination.entity";
import { Province, regionStub } from "./region.entity";

@ArgsType()
class EditionFilterArgs {
  @Field(() => ID, { nullable: true, description: 'Provincial editions of this province ("16").' })
  provinceCode?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: "Editions assessed in, held in, or labelled with this year.",
  })
  year?: number | null;
}

@Resolver(() => AwardEdition)
export class AwardEditionResolver {
  @Query(() => [AwardEdition], {
    description: "Paritrana Award editions, by province and/or year (assessment, ceremony or press label).",
  })
  awardEditions(
    @Args(() => EditionFilterArgs) { provinceCode, year }: EditionFilterArgs,
    @Ctx() { dataSource }: RequestContext,
  ): Promise<AwardEdition[]> {
    const query = dataSource.getRepository(AwardEdition).createQueryBuilder("e");
    if (provinceCode != null)
      query.andWhere("e.province_code = :provinceCode", {
        provinceCode: assertAreaCode("province", provinceCode, "provinceCode"),
      });
    if (year != null) {
      query.andWhere(
        "(e.assessment_year = :year OR extract(year FROM e.ceremony_date) = :year OR e.press_label ~ ('\\m' || :yearText || '\\M'))",
        { year, yearText: String(year) },
      );
    }
    return query.orderBy("e.id").getMany();
  }

  @Query(() => AwardEdition, { nullable: true, description: "An edition by id; null when no such edition." })
  awardEdition(
    @Arg("id", () => ID, { description: 'The edition\'s id: "paritrana-2024-sumsel".' }) id: string,
    @Ctx() context: RequestContext,
  ): Promise<AwardEdition | null> {
    return context.loader(editionById).load(assertId("id", id, "paritrana-2024-sumsel"));
  }

  @Query(() => [AwardCategory], { description: "Every category, named or not." })
  awardCategories(@Ctx() { dataSource }: RequestContext): Promise<AwardCategory[]> {
    return dataSource.getRepository(AwardCategory).find({ order: { code: "ASC" } });
  }

  @FieldResolver(() => Province, { nullable: true, description: "The province of a provincial edition." })
  province(@Root() edition: AwardEdition): Province | null {
    return edition.provinceCode ? regionStub(Province, edition.provinceCode) : null;
  }

  @FieldResolver(() => [AwardCategory], {
    description: "Its categories, in the order the source lists them.",
  })
  async categories(@Root() edition: AwardEdition, @Ctx() context: RequestContext): Promise<AwardCategory[]> {
    const links = await context.loader(categoriesByEdition).load(edition.id);
    const categories = await context.loader(categoryByCode).loadMany(links.map((link) => link.categoryCode));
    return categories.filter((c): c is AwardCategory => c instanceof AwardCategory);
  }

  @FieldResolver(() => AwardGiver, {
    nullable: true,
    description:
      "Who confers this edition at its level: what a source says of this edition, else the rule of its level, marked inferred (a provincial round by the provincial government, the national one by the President).",
  })
  async conferredBy(
    @Root() edition: AwardEdition,
    @Ctx() context: RequestContext,
  ): Promise<AwardGiver | null> {
    const [own] = await context.loader(giversByEditionOrLevel).load(edition.id);
    if (own) return own;
    const [rule] = await context.loader(giversByEditionOrLevel).load(`LEVEL:${edition.level}`);
    if (!rule) return null;
    const why = `This edition's source does not say who confers it; the rule of ${edition.level.toLowerCase()} rounds is shown`;
    return Object.assign(new AwardGiver(), rule, {
      editionId: edition.id,
      inferred: true,
      inference: rule.inference ? `${why}. ${rule.inference}` : `${why}.`,
    });
  }

  @Query(() => [AwardGiver], {
    description: "Who confers the award at each level (provincial, national), with sources.",
  })
  async awardGivers(@Ctx() { dataSource }: RequestContext): Promise<AwardGiver[]> {
    return dataSource
      .getRepository(AwardGiver)
      .createQueryBuilder("g")
      .where("g.edition_id IS NULL")
      .orderBy("g.level")
      .getMany();
  }

  @FieldResolver(() => [EditionIdentity], {
    description: "Other recorded editions that may be this same round, with what is known.",
  })
  sameRound(@Root() edition: AwardEdition, @Ctx() context: RequestContext): Promise<EditionIdentity[]> {
    return context.loader(identitiesByEdition).load(edition.id);
  }

  @FieldResolver(() => [Nomination], { description: "Its nominations, in every category." })
  nominations(@Root() edition: AwardEdition, @Ctx() context: RequestContext): Promise<Nomination[]> {
    return context.loader(nominationsByEdition).load(edition.id);
  }

  @Mutation(() => AwardEdition, {
    description:
      "Creates an edition with its categories. Refused with BAD_USER_INPUT, storing nothing, when any rule is broken.",
  })
  @Authorized("admin")
  @Directive('@requiresScopes(scopes: [["admin"]])')
  async createAwardEdition(
    @Arg("input", () => AwardEditionInput, { description: "The edition, its categories and its source." })
    input: AwardEditionInput,
    @Ctx() { dataSource, identity }: RequestContext,
  ): Promise<AwardEdition> {
    return dataSource.transaction(async (manager) => {
      const editionExists = await manager.existsBy(AwardEdition, { id: input.id });
      const known = await manager.findBy(AwardCategory, { code: In(input.categoryCodes) });
      const unknownCategories = input.categoryCodes.filter((code) => !known.some((c) => c.code === code));
      const violations = editionViolations(input, { editionExists, unknownCategories });
      if (violations.length) throw invalidInput("The award edition", violations);
      const source = await resolveSourceInput(manager, input.source!);
      if (!source)
        throw invalidInput("The award edition", [
          {
            field: "source.id",
            rule: "UNKNOWN_SOURCE",
            message: `No source has the id "${input.source!.id}".`,
          },
        ]);
      const edition = manager.create(AwardEdition, {
        id: input.id,
        name: input.name.trim(),
        level: input.level,
        provinceCode: input.provinceCode ?? null,
        pressLabel: input.pressLabel ?? null,
        assessmentYear: input.assessmentYear ?? null,
        assessmentStart: input.assessmentStart ? toIsoDate(input.assessmentStart) : null,
        assessmentEnd: input.assessmentEnd ? toIsoDate(input.assessmentEnd) : null,
        ceremonyDate: input.ceremonyDate ? toIsoDate(input.ceremonyDate) : null,
        sourceId: source.id,
        note: input.note ?? null,
      });
      await manager.insert(AwardEdition, edition);
      if (input.categoryCodes.length) {
        await manager.insert(
          EditionCategory,
          input.categoryCodes.map((categoryCode, position) => ({
            editionId: input.id,
            categoryCode,
            position,
          })),
        );
      }
      await audit(manager, identity, {
        action: "createAwardEdition",
        entity: "AwardEdition",
        recordIds: [edition.id],
        details: { categoryCodes: input.categoryCodes },
      });
      return edition;
    });
  }

  @Mutation(() => AwardCategory, {
    description: "Creates a category. Refused with BAD_USER_INPUT, storing nothing, when any rule is broken.",
  })
  @Authorized("admin")
  @Directive('@requiresScopes(scopes: [["admin"]])')
  async createAwardCategory(
    @Arg("input", () => AwardCategoryInput, { description: "The category." }) input: AwardCategoryInput,
    @Ctx() { dataSource, identity }: RequestContext,
  ): Promise<AwardCategory> {
    return dataSource.transaction(async (manager) => {
      const violations = categoryViolations(
        input,
        await manager.existsBy(AwardCategory, { code: input.code }),
      );
      if (violations.length) throw invalidInput("The award category", violations);
      const category = manager.create(AwardCategory, {
        code: input.code,
        name: input.name.trim(),
        nameEn: input.nameEn.trim(),
        nomineeKind: input.nomineeKind,
        businessSector: input.businessSector ?? null,
        businessSize: input.businessSize ?? null,
        namedBySource: true,
      });
      await manager.insert(AwardCategory, category);
      await audit(manager, identity, {
        action: "createAwardCategory",
        entity: "AwardCategory",
        recordIds: [category.code],
      });
      return category;
    });
  }

  @Mutation(() => AwardEdition, { description: "Adds an existing category to an edition, after its others." })
  @Authorized("admin")
  @Directive('@requiresScopes(scopes: [["admin"]])')
  async addEditionCategory(
    @Arg("editionId", () => ID, { description: "The edition's id." }) editionId: string,
    @Arg("categoryCode", { description: "The code of an existing category not yet in the edition." })
    categoryCode: string,
    @Ctx() { dataSource, identity }: RequestContext,
  ): Promise<AwardEdition> {
    return dataSource.transaction(async (manager) => {
      const edition = await manager.findOneBy(AwardEdition, { id: editionId });
      const violations = new Violations();
      if (!edition) violations.add("editionId", "UNKNOWN_EDITION", `No edition has the id "${editionId}".`);
      if (!(await manager.existsBy(AwardCategory, { code: categoryCode }))) {
        violations.add("categoryCode", "UNKNOWN_CATEGORY", `No category has the code "${categoryCode}".`);
      } else if (await manager.existsBy(EditionCategory, { editionId, categoryCode })) {
        violations.add("categoryCode", "ONCE_EACH", `The edition has category "${categoryCode}" already.`);
      }
      if (violations.length) throw invalidInput("The edition's category", violations);
      const position = await manager.countBy(EditionCategory, { editionId });
      await manager.insert(EditionCategory, { editionId, categoryCode, position });
      await audit(manager, identity, {
        action: "addEditionCategory",
        entity: "AwardEdition",
        recordIds: [editionId],
        details: { categoryCode },
      });
      return edition!;
    });
  }
}

@Resolver(() => EditionIdentity)
export class EditionIdentityResolver {
  @FieldResolver(() => AwardEdition, { description: "The other edition." })
  async other(@Root() identity: EditionIdentity, @Ctx() context: RequestContext): Promise<AwardEdition> {
    return (await context.loader(editionById).load(identity.otherEditionId))!;
  }
}
