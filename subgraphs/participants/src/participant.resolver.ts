import { assertRegencyAccess, audit, badUserInput, clientError, DateScalar, type Identity, loaderOfMany, type RequestContext } from "@cakupan/kit";
import type { DataSource } from "typeorm";
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from "type-graphql";
import { decryptNik, hashNik, nikKeysFromEnv, requireNikKeys } from "./nik-crypto";
import { parseNik } from "./nik";
import { parseParticipantCsv, storeParticipants } from "./participant-import";
import { Participant, ParticipantStatus, ParticipantStatusChange } from "./participant.entity";
import { areaStub, District, Regency, regencyStub, Village } from "./regency.entity";

@ObjectType("ImportProblem", { description: "A row of an import that cannot be stored, or a warning about one." })
export class ImportProblem {
  @Field(() => Int, { description: "The line in the file (the header is line 1)." })
  line!: number;

  @Field({ description: "The column, as the file names it." })
  column!: string;

  @Field()
  message!: string;
}

@ObjectType("ParticipantImportReport", { description: "What an import found and did." })
export class ParticipantImportReport {
  @Field()
  dryRun!: boolean;

  @Field(() => Int, { description: "Data rows in the file." })
  rows!: number;

  @Field(() => Int)
  valid!: number;

  @Field({ description: "True when the rows were stored: a real run of a file without problems." })
  stored!: boolean;

  @Field(() => Int)
  inserted!: number;

  @Field(() => Int)
  updated!: number;

  @Field(() => Int)
  unchanged!: number;

  @Field(() => [ImportProblem], { description: "Every row that cannot be stored, with line, column and reason. Any problem means nothing is stored." })
  problems!: ImportProblem[];

  @Field(() => [ImportProblem], { description: "Accepted with a caution (a NIK issued in another regency)." })
  warnings!: ImportProblem[];
}

@ArgsType()
class ParticipantPageArgs {
  @Field(() => Int, { defaultValue: 100, description: "1 to 1000." })
  first!: number;

  @Field(() => String, { nullable: true, description: "pageInfo.endCursor of the previous page." })
  after?: string | null;

  @Field(() => ParticipantStatus, { nullable: true })
  status?: ParticipantStatus | null;
}

@ObjectType("ParticipantPageInfo")
class ParticipantPageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ObjectType("ParticipantConnection")
class ParticipantConnection {
  @Field(() => [Participant])
  nodes!: Participant[];

  @Field(() => ParticipantPageInfo)
  pageInfo!: ParticipantPageInfo;
}

/** The status changes of a page of participants in one statement. */
const statusHistoryByParticipant = (db: DataSource) =>
  loaderOfMany(
    async (ids: readonly string[]) => {
      const rows: { participant_id: string; status: ParticipantStatus; since: string; recorded_at: Date }[] = await db.query(
        "SELECT participant_id::text, status, since::text, recorded_at FROM participant_status_history WHERE participant_id = ANY($1::bigint[]) ORDER BY recorded_at, id",
        [ids],
      );
      return rows.map((row) => Object.assign(new ParticipantStatusChange(), { participantId: row.participant_id, status: row.status, since: row.since, recordedAt: row.recorded_at }));
    },
    (change) => change.participantId,
  );

/** May this caller see the personal data of this regency's participants? */
function mayReveal(identity: Identity, regencyCode: string): boolean {
  return identity.role === "admin" || (identity.role === "operator" && identity.regencies.includes(regencyCode));
}

/** Marks rows the caller may see in full, and audits that read, in one row for the whole answer. */
async function reveal(context: RequestContext, rows: Participant[], what: string): Promise<Participant[]> {
  const revealed = rows.filter((row) => mayReveal(context.identity, row.regencyCode));
  for (const row of revealed) row.revealed = true;
  if (revealed.length) {
    await audit(context.dataSource.manager, context.identity, { action: `read:${what}`, entity: "Participant", recordIds: revealed.map((r) => r.id) });
  }
  return rows;
}

@Resolver(() => Participant)
export class ParticipantResolver {
  @Mutation(() => ParticipantImportReport, {
    description:
      "Imports a labour office's CSV list of workers for a regency (operators of that regency, admins). dryRun validates only. A file with any problem stores nothing; a clean one is stored in one transaction; a NIK already registered updates its record.",
  })
  async importParticipants(
    @Arg("regencyCode", () => ID) regencyCode: string,
    @Arg("csv", { description: "The file's text, header first." }) csv: string,
    @Arg("dryRun", { defaultValue: false }) dryRun: boolean,
    @Ctx() { dataSource, identity }: RequestContext,
  ): Promise<ParticipantImportReport> {
    assertRegencyAccess(identity, regencyCode, "enrol participants");
    const keys = requireNikKeys();
    const parsed = parseParticipantCsv(csv, regencyCode);
    const report = Object.assign(new ParticipantImportReport(), {
      dryRun,
      rows: Math.max(parsed.lineCount - 1, 0),
      valid: parsed.rows.length,
      stored: false,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      problems: parsed.problems,
      warnings: parsed.warnings,
    });
    if (dryRun || parsed.problems.length || !parsed.rows.length) return report;
    const stored = await dataSource.transaction(async (manager) => {
      const result = await storeParticipants(manager, parsed.rows, regencyCode, keys);
      await audit(manager, identity, {
        action: "importParticipants",
        entity: "Participant",
        recordIds: result.ids,
        details: { regencyCode, rows: parsed.rows.length, inserted: result.inserted, updated: result.updated },
      });
      return result;
    });
    return Object.assign(report, { stored: true, inserted: stored.inserted, updated: stored.updated, unchanged: stored.unchanged });
  }

  @Query(() => Participant, { nullable: true, description: "A participant by NIK, for the operators of their regency and admins; the read is audited." })
  async participant(@Arg("nik") nik: string, @Ctx() context: RequestContext): Promise<Participant | null> {
    if (context.identity.role !== "operator" && context.identity.role !== "admin") {
      throw clientError(context.identity.role === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN", "Looking up a person by NIK is for operators of their regency and admins.");
    }
    const parsed = parseNik(nik);
    if ("problem" in parsed) throw badUserInput(parsed.problem.message, "nik");
    const keys = nikKeysFromEnv();
    if (!keys) return null;
    const row = await context.dataSource.getRepository(Participant).findOneBy({ nikHash: hashNik(parsed.nik.nik, keys) });
    if (!row || !mayReveal(context.identity, row.regencyCode)) return null;
    const [revealed] = await reveal(context, [row], "participant");
    return revealed;
  }

  @FieldResolver(() => String, { nullable: true, description: "The full NIK: for the regency's operators and admins only, else null (see nikMasked)." })
  nik(@Root() participant: Participant): string | null {
    const keys = nikKeysFromEnv();
    return participant.revealed && keys ? decryptNik(participant.nikEncrypted, keys) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: "Nama lengkap: for the regency's operators and admins only, else null." })
  fullName(@Root() participant: Participant): string | null {
    return participant.revealed ? participant.fullName : null;
  }

  @FieldResolver(() => DateScalar, { nullable: true, description: "Tanggal lahir: for the regency's operators and admins only, else null." })
  birthDate(@Root() participant: Participant): string | null {
    return participant.revealed ? participant.birthDate : null;
  }

  @FieldResolver(() => Regency)
  regency(@Root() participant: Participant): Regency {
    return regencyStub(participant.regencyCode);
  }

  @FieldResolver(() => District)
  district(@Root() participant: Participant): District {
    return areaStub(District, participant.districtCode);
  }

  @FieldResolver(() => Village, { description: "Home village (desa/kelurahan)." })
  village(@Root() participant: Participant): Village {
    return areaStub(Village, participant.villageCode);
  }

  @FieldResolver(() => [ParticipantStatusChange], { description: "Every change of status, oldest first." })
  statusHistory(@Root() participant: Participant, @Ctx() context: RequestContext): Promise<ParticipantStatusChange[]> {
    return context.loader(statusHistoryByParticipant).load(participant.id);
  }
}

@Resolver(() => Regency)
export class RegencyParticipantsResolver {
  @FieldResolver(() => ParticipantConnection, {
    description: "Workers the regency enrolled, a page at a time. Personal data (NIK, name, birth date) only for its operators and admins; that read is audited.",
  })
  async participants(@Root() regency: Regency, @Args(() => ParticipantPageArgs) { first, after, status }: ParticipantPageArgs, @Ctx() context: RequestContext): Promise<ParticipantConnection> {
    if (!Number.isInteger(first) || first < 1 || first > 1000) throw badUserInput(`\`first\` must be between 1 and 1000, got ${first}.`, "first");
    // Cursors are ids (bigint): at most 18 digits, so no cursor can overflow PostgreSQL's bigint.
    if (after != null && !/^\d{1,18}$/.test(after)) throw badUserInput("`after` is not a cursor of this list: pass pageInfo.endCursor of the previous page.", "after");
    const query = context.dataSource.getRepository(Participant).createQueryBuilder("p").where("p.regency_code = :code", { code: regency.code });
    if (status) query.andWhere("p.status = :status", { status });
    if (after) query.andWhere("p.id > :after", { after });
    const rows = await query.orderBy("p.id").limit(first + 1).getMany();
    const nodes = await reveal(context, rows.slice(0, first), "participants");
    return Object.assign(new ParticipantConnection(), {
      nodes,
      pageInfo: { hasNextPage: rows.length > first, endCursor: nodes.length ? nodes[nodes.length - 1].id : null },
    });
  }
}
