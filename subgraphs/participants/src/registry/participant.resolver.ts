import {
  assertAreaCode,
  assertRegencyAccess,
  audit,
  badUserInput,
  clientError,
  DateScalar,
  type Identity,
  knownVillageCodes,
  loaderOfMany,
  PERSONAL_DATA_DIRECTIVE,
  type RequestContext,
  TEXT_LIMITS,
} from "@cakupan/kit";
import type { DataSource } from "typeorm";
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
  ObjectType,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import { decryptNik, hashNik, nikKeysFromEnv, requireNikKeys } from "./nik-crypto";
import { parseNik } from "./nik";
import { MAX_LISTED_PROBLEMS, parseParticipantCsv, type ProblemList } from "./participant-import";
import {
  hashRows,
  RegisteredElsewhere,
  rowsRegisteredElsewhere,
  storeParticipants,
} from "./participant-store";
import { findingsOf, ImportFindings, ImportProblem } from "./import-report.type";
import { Participant, ParticipantStatus, ParticipantStatusChange } from "./participant.entity";
import { areaStub, District, Regency, regencyStub, UNAVAILABLE_NOTE, Village } from "../regency.entity";

@ObjectType("ParticipantImportReport", { description: "What an import found and did." })
export class ParticipantImportReport extends ImportFindings {
  @Field({ description: "True when asked only to check the file: nothing is stored." })
  dryRun!: boolean;

  @Field(() => Int, { description: "Data rows in the file." })
  rows!: number;

  @Field(() => Int, { description: "Data rows without a problem." })
  valid!: number;

  @Field({ description: "True when the rows were stored: a real run of a file without problems." })
  stored!: boolean;

  @Field(() => Int, { description: "New records stored; 0 unless stored." })
  inserted!: number;

  @Field(() => Int, {
    description: "Records of a NIK already registered whose values the file changed; 0 unless stored.",
  })
  updated!: number;

  @Field(() => Int, { description: "Rows the same as the record already stored; 0 unless stored." })
  unchanged!: number;

  @Field(() => [ImportProblem], {
    description: `Accepted with a caution (a NIK issued in another regency): the first ${MAX_LISTED_PROBLEMS}.`,
  })
  warnings!: ImportProblem[];

  @Field(() => Int, { description: "Every warning, listed or not." })
  warningCount!: number;
}

/** A list of an import's problems as the report shows it. */
const listed = (list: ProblemList) => findingsOf(list).problems;

/** What an operator is told of a NIK registered elsewhere: never where, nor whose. Admins may know. */
function registeredElsewhereMessage(identity: Identity, regencyCode: string, registeredIn: string): string {
  return identity.role === "admin"
    ? `This NIK is registered in ${registeredIn}: move it with transferParticipant, then import again.`
    : `This NIK cannot be enrolled from ${regencyCode}: ask an administrator to transfer it.`;
}

@ArgsType()
class ParticipantPageArgs {
  @Field(() => Int, { defaultValue: 100, description: "1 to 1000." })
  first!: number;

  @Field(() => String, { nullable: true, description: "pageInfo.endCursor of the previous page." })
  after?: string | null;

  @Field(() => ParticipantStatus, {
    nullable: true,
    description: "Only participants of this status; omit for all.",
  })
  status?: ParticipantStatus | null;
}

@ObjectType("ParticipantPageInfo", {
  description: "Where a page of participants ends and whether another follows.",
})
class ParticipantPageInfo {
  @Field({ description: "True when a next page exists: pass endCursor as `after`." })
  hasNextPage!: boolean;

  @Field(() => String, {
    nullable: true,
    description: "Cursor of the last participant of this page; null for an empty page.",
  })
  endCursor!: string | null;
}

@ObjectType("ParticipantConnection", {
  description: "One page of a regency's enrolled workers, in the order they were recorded.",
})
class ParticipantConnection {
  @Field(() => [Participant], { description: "The participants of this page, at most `first`." })
  nodes!: Participant[];

  @Field(() => ParticipantPageInfo, { description: "Where this page ends and whether another follows." })
  pageInfo!: ParticipantPageInfo;
}

/** The status changes of a page of participants in one statement. */
const statusHistoryByParticipant = (db: DataSource) =>
  loaderOfMany(
    async (ids: readonly string[]) => {
      const rows: { participant_id: string; status: ParticipantStatus; since: string; recorded_at: Date }[] =
        await db.query(
          "SELECT participant_id::text, status, since::text, recorded_at FROM participant_status_history WHERE participant_id = ANY($1::bigint[]) ORDER BY recorded_at, id",
          [ids],
        );
      return rows.map((row) =>
        Object.assign(new ParticipantStatusChange(), {
          participantId: row.participant_id,
          status: row.status,
          since: row.since,
          recordedAt: row.recorded_at,
        }),
      );
    },
    (change) => change.participantId,
  );

/** May this caller see the personal data of this regency's participants? */
function mayReveal(identity: Identity, regencyCode: string): boolean {
  return (
    identity.role === "admin" || (identity.role === "operator" && identity.regencies.includes(regencyCode))
  );
}

/** Marks rows the caller may see in full, and audits that read, in one row for the whole answer. */
async function reveal(context: RequestContext, rows: Participant[], what: string): Promise<Participant[]> {
  const revealed = rows.filter((row) => mayReveal(context.identity, row.regencyCode));
  for (const row of revealed) row.revealed = true;
  if (revealed.length) {
    await audit(context.dataSource.manager, context.identity, {
      action: `read:${what}`,
      entity: "Participant",
      recordIds: revealed.map((r) => r.id),
    });
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
    @Arg("regencyCode", () => ID, {
      description: 'Kemendagri code of the regency enrolling them: "16.06".',
    })
    regencyCode: string,
    @Arg("csv", { description: "The file's text, header first." }) csv: string,
    @Arg("dryRun", {
      defaultValue: false,
      description: "True: check the file and answer the report, storing nothing.",
    })
    dryRun: boolean,
    @Ctx() { dataSource, identity }: RequestContext,
  ): Promise<ParticipantImportReport> {
    assertRegencyAccess(identity, regencyCode, "enrol participants");
    const keys = requireNikKeys();
    const parsed = await parseParticipantCsv(csv, regencyCode);
    const report = () =>
      Object.assign(new ParticipantImportReport(), {
        dryRun,
        rows: parsed.rowCount,
        valid: parsed.rows.length,
        stored: false,
        inserted: 0,
        updated: 0,
        unchanged: 0,
        ...findingsOf(parsed.problems),
        warnings: listed(parsed.warnings),
        warningCount: parsed.warnings.count,
      });
    const refuseElsewhere = (rows: { line: number; regencyCode: string }[]) => {
      for (const row of rows) {
        parsed.problems.add({
          line: row.line,
          column: "nik",
          rule: "NIK_REGISTERED_ELSEWHERE",
          message: registeredElsewhereMessage(identity, regencyCode, row.regencyCode),
        });
      }
      parsed.rows = parsed.rows.filter((row) => !rows.some((r) => r.line === row.line));
      // Problems come in file order: the refusals join the others by line.
      parsed.problems.listed.sort((a, b) => a.line - b.line);
    };
    if (!parsed.rows.length) return report();
    if (dryRun || parsed.problems.count) {
      refuseElsewhere(
        await rowsRegisteredElsewhere(dataSource.manager, hashRows(parsed.rows, keys), regencyCode),
      );
      return report();
    }
    try {
      const stored = await dataSource.transaction(async (manager) => {
        const result = await storeParticipants(manager, parsed.rows, regencyCode, keys);
        await audit(manager, identity, {
          action: "importParticipants",
          entity: "Participant",
          recordIds: result.ids,
          details: {
            regencyCode,
            rows: parsed.rows.length,
            inserted: result.inserted,
            updated: result.updated,
          },
        });
        return result;
      });
      return Object.assign(report(), {
        stored: true,
        inserted: stored.inserted,
        updated: stored.updated,
        unchanged: stored.unchanged,
      });
    } catch (error) {
      if (!(error instanceof RegisteredElsewhere)) throw error;
      refuseElsewhere(error.rows);
      return report();
    }
  }

  @Mutation(() => Participant, {
    description:
      "Moves a participant to a village of another regency (admins only): their record, NIK and status history are kept; the move is audited with its reason. An import never moves anyone.",
  })
  @Authorized("admin")
  @Directive('@requiresScopes(scopes: [["admin"]])')
  async transferParticipant(
    @Arg("nik", { description: "The participant's NIK (Nomor Induk Kependudukan), 16 digits." }) nik: string,
    @Arg("villageCode", () => ID, { description: "The village they now live in: 16.10.02.2003." })
    villageCode: string,
    @Arg("reason", {
      description: `Why, for the audit log (at most ${TEXT_LIMITS.note} characters): "pindah domisili".`,
    })
    reason: string,
    @Ctx() context: RequestContext,
  ): Promise<Participant> {
    const parsed = parseNik(nik);
    if ("problem" in parsed) throw badUserInput(parsed.problem.message, "nik");
    const village = assertAreaCode("village", villageCode, "villageCode");
    if (!knownVillageCodes().has(village))
      throw badUserInput(
        `No village has the code ${village}: check it against regency(code:) { villages }.`,
        "villageCode",
      );
    if (!reason.trim() || reason.length > TEXT_LIMITS.note)
      throw badUserInput(
        `\`reason\` is required, at most ${TEXT_LIMITS.note} characters: why the participant moves.`,
        "reason",
      );
    const keys = requireNikKeys();
    return context.dataSource.transaction(async (manager) => {
      // The same lock imports take: no import merges this NIK while it moves.
      await manager.query("SELECT version FROM data_version FOR UPDATE");
      const participant = await manager.findOne(Participant, {
        where: { nikHash: hashNik(parsed.nik.nik, keys) },
        lock: { mode: "pessimistic_write" },
      });
      if (!participant)
        throw clientError(
          "NOT_FOUND",
          "No participant has this NIK: enrol them with importParticipants instead.",
        );
      const from = { regencyCode: participant.regencyCode, villageCode: participant.villageCode };
      const toRegencyCode = village.slice(0, 5);
      await manager.update(
        Participant,
        { id: participant.id },
        { regencyCode: toRegencyCode, villageCode: village, districtCode: village.slice(0, 8) },
      );
      await audit(manager, context.identity, {
        action: "transferParticipant",
        entity: "Participant",
        recordIds: [participant.id],
        details: {
          fromRegencyCode: from.regencyCode,
          fromVillageCode: from.villageCode,
          toRegencyCode,
          toVillageCode: village,
          reason: reason.trim(),
        },
      });
      const moved = await manager.findOneByOrFail(Participant, { id: participant.id });
      // An admin may see it; the transfer's audit entry records this access to the record.
      moved.revealed = true;
      return moved;
    });
  }

  @Query(() => Participant, {
    nullable: true,
    description: "A participant by NIK, for the operators of their regency and admins; the read is audited.",
  })
  @Directive(PERSONAL_DATA_DIRECTIVE)
  async participant(
    @Arg("nik", {
      description:
        "The NIK (Nomor Induk Kependudukan), 16 digits; a malformed one is refused (BAD_USER_INPUT).",
    })
    nik: string,
    @Ctx() context: RequestContext,
  ): Promise<Participant | null> {
    if (context.identity.role !== "operator" && context.identity.role !== "admin") {
      throw clientError(
        context.identity.role === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN",
        "Looking up a person by NIK is for operators of their regency and admins.",
      );
    }
    const parsed = parseNik(nik);
    if ("problem" in parsed) throw badUserInput(parsed.problem.message, "nik");
    const keys = nikKeysFromEnv();
    if (!keys) return null;
    const row = await context.dataSource
      .getRepository(Participant)
      .findOneBy({ nikHash: hashNik(parsed.nik.nik, keys) });
    if (!row || !mayReveal(context.identity, row.regencyCode)) return null;
    const [revealed] = await reveal(context, [row], "participant");
    return revealed;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "The full NIK: for the regency's operators and admins only, else null (see nikMasked).",
  })
  @Directive(PERSONAL_DATA_DIRECTIVE)
  nik(@Root() participant: Participant): string | null {
    const keys = nikKeysFromEnv();
    return participant.revealed && keys ? decryptNik(participant.nikEncrypted, keys) : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "Nama lengkap: for the regency's operators and admins only, else null.",
  })
  @Directive(PERSONAL_DATA_DIRECTIVE)
  fullName(@Root() participant: Participant): string | null {
    return participant.revealed ? participant.fullName : null;
  }

  @FieldResolver(() => DateScalar, {
    nullable: true,
    description: "Tanggal lahir: for the regency's operators and admins only, else null.",
  })
  @Directive(PERSONAL_DATA_DIRECTIVE)
  birthDate(@Root() participant: Participant): string | null {
    return participant.revealed ? participant.birthDate : null;
  }

  @FieldResolver(() => Regency, { description: "The regency that enrolled the worker." })
  regency(@Root() participant: Participant): Regency {
    return regencyStub(participant.regencyCode);
  }

  @FieldResolver(() => District, { description: "Home district (kecamatan)." })
  district(@Root() participant: Participant): District {
    return areaStub(District, participant.districtCode);
  }

  @FieldResolver(() => Village, { description: "Home village (desa/kelurahan)." })
  village(@Root() participant: Participant): Village {
    return areaStub(Village, participant.villageCode);
  }

  @FieldResolver(() => [ParticipantStatusChange], { description: "Every change of status, oldest first." })
  statusHistory(
    @Root() participant: Participant,
    @Ctx() context: RequestContext,
  ): Promise<ParticipantStatusChange[]> {
    return context.loader(statusHistoryByParticipant).load(participant.id);
  }
}

@Resolver(() => Regency)
export class RegencyParticipantsResolver {
  @FieldResolver(() => ParticipantConnection, {
    nullable: true,
    description: `Workers the regency enrolled, a page at a time. Personal data (NIK, name, birth date) only for its operators and admins; that read is audited.${UNAVAILABLE_NOTE}`,
  })
  @Directive(PERSONAL_DATA_DIRECTIVE)
  async participants(
    @Root() regency: Regency,
    @Args(() => ParticipantPageArgs) { first, after, status }: ParticipantPageArgs,
    @Ctx() context: RequestContext,
  ): Promise<ParticipantConnection> {
    if (!Number.isInteger(first) || first < 1 || first > 1000)
      throw badUserInput(`\`first\` must be between 1 and 1000, got ${first}.`, "first");
    // Cursors are ids (bigint): at most 18 digits, so no cursor can overflow PostgreSQL's bigint.
    if (after != null && !/^\d{1,18}$/.test(after))
      throw badUserInput(
        "`after` is not a cursor of this list: pass pageInfo.endCursor of the previous page.",
        "after",
      );
    const query = context.dataSource
      .getRepository(Participant)
      .createQueryBuilder("p")
      .where("p.regency_code = :code", { code: regency.code });
    if (status) query.andWhere("p.status = :status", { status });
    if (after) query.andWhere("p.id > :after", { after });
    const rows = await query
      .orderBy("p.id")
      .limit(first + 1)
      .getMany();
    const nodes = await reveal(context, rows.slice(0, first), "participants");
    return Object.assign(new ParticipantConnection(), {
      nodes,
      pageInfo: {
        hasNextPage: rows.length > first,
        endCursor: nodes.length ? nodes[nodes.length - 1].id : null,
      },
    });
  }
}
