import type { RequestContext } from "@cakupan/kit";
import DataLoader from "dataloader";
import { type ClassType, Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root } from "type-graphql";
import type { DataSource } from "typeorm";
import { District, Regency, UNAVAILABLE_NOTE, Village } from "../regency.entity";

@ObjectType("ParticipantGroup", {
  description:
    "Enrolled workers sharing one value: a village, district, occupation, funding source or month.",
})
export class ParticipantGroup {
  @Field({
    description:
      "The value: a village or district code, an occupation, a funding source, or a month (YYYY-MM).",
  })
  key!: string;

  @Field(() => Int, { description: "Workers enrolled, active or not (persons now, a stock)." })
  enrolled!: number;

  @Field(() => Int, { description: "Of them, those now active (aktif)." })
  active!: number;

  @Field(() => Int, { description: "Monthly contributions of the active ones, whole Rupiah." })
  monthlyCost!: number;
}

@ObjectType("ParticipantStats", {
  description: "The registry in numbers, without personal data (rekap peserta terdaftar).",
})
export class ParticipantStats {
  @Field(() => Int, { description: "Workers enrolled, active or not (persons now, a stock)." })
  enrolled!: number;

  @Field(() => Int, { description: "Of them, those now active (aktif)." })
  active!: number;

  @Field(() => Int, { description: "Of the enrolled, how many are synthetic demo records." })
  synthetic!: number;

  @Field(() => Int, {
    description: "Cost to the budgets per month: the active workers' contributions, whole Rupiah.",
  })
  monthlyCost!: number;

  @Field(() => Int, { description: "monthlyCost x 12." })
  yearlyCost!: number;

  @Field(() => [ParticipantGroup], {
    description: "By home village: key is its Kemendagri code, in code order.",
  })
  byVillage!: ParticipantGroup[];

  @Field(() => [ParticipantGroup], {
    description: "By home district: key is its Kemendagri code, in code order.",
  })
  byDistrict!: ParticipantGroup[];

  @Field(() => [ParticipantGroup], { description: "By occupation (pekerjaan) as the lists give it." })
  byOccupation!: ParticipantGroup[];

  @Field(() => [ParticipantGroup], {
    description: "By who pays the contribution: key is a FUNDING category (APBD, APBDES, ...).",
  })
  byFunding!: ParticipantGroup[];

  @Field(() => [ParticipantGroup], { description: "By month of enrolment (YYYY-MM), oldest first." })
  byEnrolmentMonth!: ParticipantGroup[];
}

type Scope = "regency_code" | "district_code" | "village_code";
type Grouping = "byVillage" | "byDistrict" | "byOccupation" | "byFunding" | "byEnrolmentMonth";

/** Every grouping of every asked area in one statement, from the running counts the triggers keep. */
export const statsLoader = (scope: Scope) => (db: DataSource) =>
  new DataLoader<string, ParticipantStats>(async (codes) => {
    const rows: {
      dimension: string;
      area: string;
      key: string;
      enrolled: string;
      active: string;
      synthetic: string;
      monthly_cost: string;
    }[] = await db.query(
      `SELECT dimension, area, key, enrolled, active, synthetic, monthly_cost FROM participant_counts
       WHERE scope = $1 AND area = ANY($2) AND enrolled > 0 ORDER BY dimension, area, key`,
      [scope, codes],
    );
    const empty = (): ParticipantStats =>
      Object.assign(new ParticipantStats(), {
        enrolled: 0,
        active: 0,
        synthetic: 0,
        monthlyCost: 0,
        yearlyCost: 0,
        byVillage: [],
        byDistrict: [],
        byOccupation: [],
        byFunding: [],
        byEnrolmentMonth: [],
      });
    const stats = new Map(codes.map((code) => [code, empty()]));
    for (const row of rows) {
      const target = stats.get(row.area)!;
      const figures = {
        enrolled: Number(row.enrolled),
        active: Number(row.active),
        monthlyCost: Number(row.monthly_cost),
      };
      if (row.dimension === "total")
        Object.assign(target, figures, {
          synthetic: Number(row.synthetic),
          yearlyCost: figures.monthlyCost * 12,
        });
      else
        target[row.dimension as Grouping].push(
          Object.assign(new ParticipantGroup(), { key: row.key, ...figures }),
        );
    }
    return codes.map((code) => stats.get(code)!);
  });

const byRegency = statsLoader("regency_code");
const byDistrict = statsLoader("district_code");
const byVillage = statsLoader("village_code");

function statsResolver(type: ClassType<{ code: string }>, loader: typeof byRegency, label: string) {
  @Resolver(() => type)
  class StatsResolver {
    @FieldResolver(() => ParticipantStats, {
      // Nullable: another subgraph owns the entity, and its answer must survive this one being down.
      nullable: true,
      description: `Enrolled workers of the ${label} in numbers, without personal data.${UNAVAILABLE_NOTE}`,
    })
    participantStats(
      @Root() area: { code: string },
      @Ctx() context: RequestContext,
    ): Promise<ParticipantStats> {
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
