import {
  audit,
  type Identity,
  invalidInput,
  type RequestContext,
  resolveSourceInput,
  Source,
  toIsoDate,
  todayInJakarta,
} from "@cakupan/kit";
import { Arg, Authorized, Ctx, Directive, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import type { EntityManager } from "typeorm";
import { AwardCategory } from "./award-category.entity";
import { AwardEdition, EditionCategory } from "./award-edition.entity";
import { AwardResultInput, NominationInput, StageInput } from "./award.input";
import { nomineeOf, nominationViolations, resultViolations, stageViolations } from "./award.validation";
import {
  categoryByCode,
  editionById,
  organisationById,
  resultByNomination,
  stagesByNomination,
} from "./loaders";
import {
  AwardResult,
  Nomination,
  NominationStage,
  Organisation,
  STAGE_ORDER,
  StageStatus,
} from "./nomination.entity";
import { Nominee, Province, Regency, regionStub, Village } from "./region.entity";

/** The nominee of a nomination or result, as the Nominee union resolves it. */
export async function nomineeOfNomination(
  nomination: Nomination,
  context: RequestContext,
): Promise<typeof Nominee> {
  switch (nomination.nomineeType) {
    case "REGENCY":
      return regionStub(Regency, nomination.nomineeCode!);
    case "PROVINCE":
      return regionStub(Province, nomination.nomineeCode!);
    case "VILLAGE":
      return regionStub(Village, nomination.nomineeCode!);
    case "ORGANISATION":
      return (await context.loader(organisationById).load(nomination.organisationId!))!;
  }
}

function parseId(field: string, raw: string): number | null {
  return /^[1-9][0-9]{0,9}$/.test(raw) ? Number(raw) : null;
}

async function sourceOrRefuse(
  manager: EntityManager,
  what: string,
  input: StageInput["source"],
): Promise<Source> {
  const source = await resolveSourceInput(manager, input!);
  if (!source)
    throw invalidInput(what, [
      { field: "source.id", rule: "UNKNOWN_SOURCE", message: `No source has the id "${input!.id}".` },
    ]);
  return source;
}

@Resolver(() => Nomination)
export class NominationResolver {
  @FieldResolver(() => AwardEdition, { description: "The edition it is in." })
  async edition(@Root() nomination: Nomination, @Ctx() context: RequestContext): Promise<AwardEdition> {
    return (await context.loader(editionById).load(nomination.editionId))!;
  }

  @FieldResolver(() => AwardCategory, { description: "The category it is in." })
  async category(@Root() nomination: Nomination, @Ctx() context: RequestContext): Promise<AwardCategory> {
    return (await context.loader(categoryByCode).load(nomination.categoryCode))!;
  }

  @FieldResolver(() => Nominee, {
    description: "Who is nominated: a Regency, Province or Village government, or an Organisation.",
  })
  nominee(@Root() nomination: Nomination, @Ctx() context: RequestContext): Promise<typeof Nominee> {
    return nomineeOfNomination(nomination, context);
  }

  @FieldResolver(() => [NominationStage], { description: "Its assessment stages, in the order they run." })
  async stages(@Root() nomination: Nomination, @Ctx() context: RequestContext): Promise<NominationStage[]> {
    const stages = await context.loader(stagesByNomination).load(nomination.id);
    return [...stages].sort((a, b) => STAGE_ORDER.indexOf(a.kind) - STAGE_ORDER.indexOf(b.kind));
  }

  @FieldResolver(() => AwardResult, { nullable: true, description: "Its placing, once recorded." })
  result(@Root() nomination: Nomination, @Ctx() context: RequestContext): Promise<AwardResult | null> {
    return context.loader(resultByNomination).load(nomination.id);
  }

  @Mutation(() => Nomination, {
    description:
      "Nominates a region or organisation in a category of an edition; refused with BAD_USER_INPUT, storing nothing, when any rule is broken.",
  })
  @Authorized("admin")
  @Directive('@requiresScopes(scopes: [["admin"]])')
  async nominate(
    @Arg("input", () => NominationInput, { description: "The edition, category, nominee and source." })
    input: NominationInput,
    @Ctx() { dataSource, identity }: RequestContext,
  ): Promise<Nomination> {
    return dataSource.transaction(async (manager) => {
      const edition = await manager.findOneBy(AwardEdition, { id: input.editionId });
      const category = await manager.findOneBy(AwardCategory, { code: input.categoryCode });
      const categoryInEdition = await manager.existsBy(EditionCategory, {
        editionId: input.editionId,
        categoryCode: input.categoryCode,
      });
      const nominee = nomineeOf(input.nominee);
      const duplicate =
        nominee && nominee.type !== "ORGANISATION"
          ? await manager.existsBy(Nomination, {
              editionId: input.editionId,
              categoryCode: input.categoryCode,
              nomineeType: nominee.type,
              nomineeCode: nominee.code!,
            })
          : false;
      const violations = nominationViolations(input, { edition, category, categoryInEdition, duplicate });
      if (violations.length) throw invalidInput("The nomination", violations);
      const source = await sourceOrRefuse(manager, "The nomination", input.source);
      let organisationId: number | null = null;
      if (nominee!.type === "ORGANISATION") {
        const organisation = input.nominee.organisation!;
        const stored = await manager.insert(Organisation, {
          name: organisation.name.trim(),
          kind: organisation.kind,
          businessSector: organisation.businessSector ?? null,
          businessSize: organisation.businessSize ?? null,
          regencyCode: organisation.regencyCode ?? null,
        });
        organisationId = stored.identifiers[0].id;
      }
      const stored = await manager.insert(Nomination, {
        editionId: input.editionId,
        categoryCode: input.categoryCode,
        nomineeType: nominee!.type,
        nomineeCode: nominee!.code,
        organisationId,
        sourceId: source.id,
        note: input.note ?? null,
      });
      await audit(manager, identity, {
        action: "nominate",
        entity: "Nomination",
        recordIds: [stored.identifiers[0].id],
        details: { editionId: input.editionId, categoryCode: input.categoryCode },
      });
      return manager.findOneByOrFail(Nomination, { id: stored.identifiers[0].id });
    });
  }

  @Mutation(() => Nomination, {
    description: "Schedules an assessment stage of a nomination (or moves its date).",
  })
  @Authorized("admin")
  @Directive('@requiresScopes(scopes: [["admin"]])')
  scheduleStage(
    @Arg("input", () => StageInput, {
      description: "The nomination, the stage and the date it is planned for.",
    })
    input: StageInput,
    @Ctx() { dataSource, identity }: RequestContext,
  ): Promise<Nomination> {
    return this.saveStage(dataSource.manager, identity, input, "schedule");
  }

  @Mutation(() => Nomination, {
    description: "Records an assessment stage of a nomination as completed on a date (not in the future).",
  })
  @Authorized("admin")
  @Directive('@requiresScopes(scopes: [["admin"]])')
  completeStage(
    @Arg("input", () => StageInput, {
      description: "The nomination, the stage and the date it was completed.",
    })
    input: StageInput,
    @Ctx() { dataSource, identity }: RequestContext,
  ): Promise<Nomination> {
    return this.saveStage(dataSource.manager, identity, input, "complete");
  }

  private saveStage(
    root: EntityManager,
    identity: Identity,
    input: StageInput,
    mode: "schedule" | "complete",
  ): Promise<Nomination> {
    return root.transaction(async (manager) => {
      const id = parseId("nominationId", input.nominationId);
      const nomination = id ? await manager.findOneBy(Nomination, { id }) : null;
      if (!nomination)
        throw invalidInput("The stage", [
          {
            field: "nominationId",
            rule: "UNKNOWN_NOMINATION",
            message: `No nomination has the id "${input.nominationId}".`,
          },
        ]);
      const others = await manager.findBy(NominationStage, { nominationId: nomination.id });
      const date = toIsoDate(input.date);
      const violations = stageViolations(input.kind, date, mode, others, input.source, input.note);
      if (violations.length) throw invalidInput("The stage", violations);
      const source = await sourceOrRefuse(manager, "The stage", input.source);
      const current = others.find((stage) => stage.kind === input.kind);
      await manager.upsert(
        NominationStage,
        {
          nominationId: nomination.id,
          kind: input.kind,
          status: mode === "complete" ? StageStatus.COMPLETED : StageStatus.PLANNED,
          scheduledAt: mode === "schedule" ? date : (current?.scheduledAt ?? null),
          completedAt: mode === "complete" ? date : null,
          reportedOn: todayInJakarta(),
          sourceId: source.id,
          note: input.note ?? current?.note ?? null,
        },
        ["nominationId", "kind"],
      );
      await audit(manager, identity, {
        action: mode === "complete" ? "completeStage" : "scheduleStage",
        entity: "Nomination",
        recordIds: [nomination.id],
        details: { kind: input.kind, date },
      });
      return nomination;
    });
  }

  @Mutation(() => AwardResult, {
    description: "Records the placing of a nomination: one nominee per rank in a category of an edition.",
  })
  @Authorized("admin")
  @Directive('@requiresScopes(scopes: [["admin"]])')
  recordAwardResult(
    @Arg("input", () => AwardResultInput, {
      description: "The nomination, its rank and title, and the source.",
    })
    input: AwardResultInput,
    @Ctx() { dataSource, identity }: RequestContext,
  ): Promise<AwardResult> {
    return dataSource.transaction(async (manager) => {
      const id = parseId("nominationId", input.nominationId);
      const nomination = id ? await manager.findOneBy(Nomination, { id }) : null;
      const holder = nomination
        ? await manager.findOneBy(AwardResult, {
            editionId: nomination.editionId,
            categoryCode: nomination.categoryCode,
            rank: input.rank,
          })
        : null;
      const placeTakenBy = holder && holder.nominationId !== nomination!.id ? holder.nominationId : null;
      const violations = resultViolations(input, { nominationExists: Boolean(nomination), placeTakenBy });
      if (violations.length) throw invalidInput("The award result", violations);
      const source = await sourceOrRefuse(manager, "The award result", input.source);
      const result = {
        nominationId: nomination!.id,
        editionId: nomination!.editionId,
        categoryCode: nomination!.categoryCode,
        rank: input.rank,
        title: input.title.trim(),
        sourceId: source.id,
        note: input.note ?? null,
      };
      await manager.upsert(AwardResult, result, ["nominationId"]);
      await audit(manager, identity, {
        action: "recordAwardResult",
        entity: "AwardResult",
        recordIds: [nomination!.id],
        details: { rank: input.rank },
      });
      return manager.findOneByOrFail(AwardResult, { nominationId: nomination!.id });
    });
  }
}

@Resolver(() => AwardResult)
export class AwardResultResolver {
  @FieldResolver(() => AwardEdition, { description: "The edition it was won in." })
  async edition(@Root() result: AwardResult, @Ctx() context: RequestContext): Promise<AwardEdition> {
    return (await context.loader(editionById).load(result.editionId))!;
  }

  @FieldResolver(() => AwardCategory, { description: "The category it was won in." })
  async category(@Root() result: AwardResult, @Ctx() context: RequestContext): Promise<AwardCategory> {
    return (await context.loader(categoryByCode).load(result.categoryCode))!;
  }
}
