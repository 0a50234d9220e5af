import type { RequestContext } from "@cakupan/kit";
import DataLoader from "dataloader";
import { type ClassType, Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root } from "type-graphql";
import type { DataSource } from "typeorm";
import { District, Regency, Village } from "./regency.entity";

@ObjectType("ParticipantGroup", { description: "Enrolled workers sharing one value: a village, district, occupation, funding source or month." })
export class ParticipantGroup {
  @Field({ description: "The value: a village or district code, an occupation, a funding source, or a month (YYYY-MM)." })
  key!: string;

  @Field(() => Int)
  enrolled!: number;

  @Field(() => Int)
  active!: number;

  @Field(() => Int, { description: "Monthly contributions of the active ones, whole Rupiah." })
  monthlyCost!: number;
}

@ObjectType("ParticipantStats", { description: "The registry in numbers, without personal data (rekap peserta terdaftar)." })
export class ParticipantStats {
  @Field(() => Int)
  enrolled!: number;

  @Field(() => Int)
  active!: number;

  @Field(() => Int, { description: "Of the enrolled, how many are synthetic demo records." })
  synthetic!: number;

  @Field(() => Int, { description: "Cost to the budgets per month: the active workers' contributions, whole Rupiah." })
  monthlyCost!: number;

  @Field(() => Int, { description: "monthlyCost x 12." })
  yearlyCost!: number;

  @Field(() => [ParticipantGroup])
  byVillage!: ParticipantGroup[];

  @Field(() => [ParticipantGroup])
  byDistrict!: ParticipantGroup[];

  @Field(() => [ParticipantGroup])
  byOccupation!: ParticipantGroup[];

  @Field(() => [ParticipantGroup])
  byFunding!: ParticipantGroup[];

  @Field(() => [ParticipantGroup], { description: "By month of enrolment (YYYY-MM), oldest first." })
  byEnrolmentMonth!: ParticipantGroup[];
}

type Scope = "regency_code" | "district_code" | "village_code";
const GROUPS = { byVillage: "village_code", byDistrict: "district_code", byOccupation: "occupation", byFunding: "funding", byEnrolmentMonth: "month" } as const;

/** Every grouping of every asked area in one statement (a UNION ALL of GROUP BYs), whatever the number of areas. */
const statsLoader = (scope: Scope) => (db: DataSource) =>
  new DataLoader<string, ParticipantStats>(async (codes) => {
    const groupings: [string, string][] = [["total", "NULL::text"], ...Object.entries(GROUPS).map(([kind, column]) => [kind, column] as [string, string])];
    const rows: { kind: string; area: string; key: string | null; enrolled: number; active: number; synthetic: number; monthly_cost: string }[] = await db.query(
      `WITH p AS (SELECT *, to_char(enrolled_on, 'YYYY-MM') AS month FROM participant WHERE ${scope} = ANY($1))
       ${groupings
         .map(
           ([kind, column]) => `SELECT '${kind}' AS kind, ${scope} AS area, ${column} AS key, count(*)::int AS enrolled,
              count(*) FILTER (WHERE status = 'ACTIVE')::int AS active, count(*) FILTER (WHERE synthetic)::int AS synthetic,
              coalesce(sum(monthly_contribution) FILTER (WHERE status = 'ACTIVE'), 0)::bigint AS monthly_cost
            FROM p GROUP BY ${scope}${column === "NULL::text" ? "" : `, ${column}`}`,
         )
         .join(" UNION ALL ")}
       ORDER BY kind, area, key`,
      [codes],
    );
    const empty = (): ParticipantStats =>
      Object.assign(new ParticipantStats(), { enrolled: 0, active: 0, synthetic: 0, monthlyCost: 0, yearlyCost: 0, byVillage: [], byDistrict: [], byOccupation: [], byFunding: [], byEnrolmentMonth: [] });
    const stats = new Map(codes.map((code) => [code, empty()]));
    for (const row of rows) {
      const target = stats.get(row.area)!;
      const figures = { enrolled: row.enrolled, active: row.active, monthlyCost: Number(row.monthly_cost) };
      if (row.kind === "total") Object.assign(target, figures, { synthetic: row.synthetic, yearlyCost: figures.monthlyCost * 12 });
      else target[row.kind as keyof typeof GROUPS].push(Object.assign(new ParticipantGroup(), { key: row.key!, ...figures }));
    }
    return codes.map((code) => stats.get(code)!);
  });

const byRegency = statsLoader("regency_code");
const byDistrict = statsLoader("district_code");
const byVillage = statsLoader("village_code");

function statsResolver(type: ClassType<{ code: string }>, loader: typeof byRegency, label: string) {
  @Resolver(() => type)
  class StatsResolver {
    @FieldResolver(() => ParticipantStats, { description: `Enrolled workers of the ${label} in numbers, without personal data.` })
    participantStats(@Root() area: { code: string }, @Ctx() context: RequestContext): Promise<ParticipantStats> {
      return context.loader(loader).load(area.code);
    }
  }
  return StatsResolver;
}

export const participantStatsResolvers = [
  statsResolver(Regency, byRegency, "regency"),
  statsResolver(District, byDistrict, "district"),
  statsResolver(Village, byVillage, "village"),
] as const;
