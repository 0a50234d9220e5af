import { Field, ID, Int, ObjectType, Query, Resolver, Arg, Authorized, Ctx, Directive } from "type-graphql";
import { Column, CreateDateColumn, Entity, type EntityManager, PrimaryGeneratedColumn } from "typeorm";
import type { Identity } from "@cakupan/core";
import type { RequestContext } from "./context";
import { DateTimeScalar, PERSONAL_DATA_DIRECTIVE } from "@cakupan/core";

/**
 * Every write, and every read of personal data: who, when, what, which records, from where. Append-only:
 * a trigger refuses UPDATE and DELETE, so not even the service can rewrite history.
 */
@Entity("audit_log")
@ObjectType("AuditEntry", {
  description: "One audited action (jejak audit): a write, or a read of personal data.",
})
@Directive("@shareable")
export class AuditEntry {
  @PrimaryGeneratedColumn("increment", { type: "bigint" })
  @Field(() => ID, { description: "Sequence number of the entry in this subgraph's audit log." })
  id!: string;

  @CreateDateColumn({ type: "timestamptz" })
  @Field(() => DateTimeScalar, {
    description: "When it was done (UTC).",
  })
  at!: Date;

  @Column("text", { nullable: true })
  @Field(() => String, {
    nullable: true,
    description: "The token's subject (sub), or cli:<user> for the registry CLI; null for anonymous.",
  })
  subject!: string | null;

  @Column("text")
  @Field({ description: "The caller's role: anonymous, planner, operator or admin." })
  role!: string;

  @Column("text")
  @Field({ description: "What was done: a mutation name, or read:<what> for personal data." })
  action!: string;

  @Column("text")
  @Field({ description: "The kind of record." })
  entity!: string;

  @Column("text", { name: "record_ids", array: true })
  @Field(() => [String], { description: "The ids (or codes) of the records it concerns." })
  recordIds!: string[];

  @Column("text", { name: "client_ip", nullable: true })
  @Field(() => String, {
    nullable: true,
    description: "The client's address as the gateway saw it; null when unknown.",
  })
  clientIp!: string | null;

  @Column("text", { name: "user_agent", nullable: true })
  @Field(() => String, {
    nullable: true,
    description: "The client's User-Agent header; null when none was sent.",
  })
  userAgent!: string | null;

  @Column("jsonb", { default: () => "'{}'" })
  details!: Record<string, unknown>;
}

export const AUDIT_TABLE_SQL = [
  `CREATE TABLE audit_log (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    subject text,
    role text NOT NULL,
    action text NOT NULL,
    entity text NOT NULL,
    record_ids text[] NOT NULL,
    client_ip text,
    user_agent text,
    details jsonb NOT NULL DEFAULT '{}'
  )`,
  `CREATE INDEX audit_log_subject_idx ON audit_log (subject, at DESC)`,
  `CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP; END $$`,
  `CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`,
];

/** Records an action in the caller's transaction: the audit row commits with the write, or neither does. */
export async function audit(
  manager: EntityManager,
  identity: Identity,
  entry: {
    action: string;
    entity: string;
    recordIds: (string | number)[];
    details?: Record<string, unknown>;
  },
): Promise<void> {
  await manager.insert(AuditEntry, {
    subject: identity.subject,
    role: identity.role,
    action: entry.action,
    entity: entry.entity,
    recordIds: entry.recordIds.map(String),
    clientIp: identity.client.ip,
    userAgent: identity.client.userAgent,
    details: (entry.details ?? {}) as never,
  });
}

/** Query.<name>: the newest audit entries of this subgraph, for admins. */
export function auditLogResolver(queryName: string) {
  @Resolver()
  class AuditLogResolver {
    @Query(() => [AuditEntry], {
      name: queryName,
      description: "Audit entries of this subgraph, newest first (admins only).",
    })
    @Authorized("admin")
    @Directive('@requiresScopes(scopes: [["admin"]])')
    // Who did what, from where; and audit_log is outside the data version, so a kept answer would go stale.
    @Directive(PERSONAL_DATA_DIRECTIVE)
    auditLog(
      @Ctx() { dataSource }: RequestContext,
      @Arg("subject", () => String, {
        nullable: true,
        description: "Only the entries of this token subject (sub); omit for everyone's.",
      })
      subject?: string | null,
      @Arg("limit", () => Int, {
        defaultValue: 100,
        description: "How many of the newest entries: 1 to 1000 (a value outside is taken as the nearest).",
      })
      limit = 100,
    ): Promise<AuditEntry[]> {
      return dataSource.getRepository(AuditEntry).find({
        where: subject ? { subject } : {},
        order: { id: "DESC" },
        take: Math.min(Math.max(limit, 1), 1000),
      });
    }
  }
  return AuditLogResolver;
}
