import { badUserInput, isAreaCode } from "@cakupan/kit";
import { ArgsType, Field, Int } from "type-graphql";
import type { DataSource } from "typeorm";
import { Village, VillageConnection } from "./village.entity";

export const MAX_PAGE_SIZE = 1000;

@ArgsType()
export class VillagePageArgs {
  @Field(() => Int, { defaultValue: 100, description: "Page size, 1 to 1000." })
  first!: number;

  @Field(() => String, {
    nullable: true,
    description: "pageInfo.endCursor of the previous page; omit for the first page.",
  })
  after?: string | null;
}

/** Cursors are opaque to clients; inside, the last village code of the page. */
function encodeCursor(code: string): string {
  return Buffer.from(`village:${code}`).toString("base64url");
}

function decodeCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, "base64url").toString();
  const code = decoded.startsWith("village:") ? decoded.slice("village:".length) : "";
  if (!isAreaCode("village", code)) {
    throw badUserInput(
      `\`after\` is not a cursor of this list: pass the pageInfo.endCursor of the previous page, or omit it for the first page.`,
      "after",
    );
  }
  return code;
}

/** One page of the villages of a district or a regency, in code order (keyset pagination). */
export async function villagePage(
  db: DataSource,
  parent: { column: "district_code" | "regency_code"; code: string },
  { first, after }: VillagePageArgs,
): Promise<VillageConnection> {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badUserInput(
      `\`first\` must be between 1 and ${MAX_PAGE_SIZE}, got ${first}: ask for smaller pages and follow pageInfo.endCursor.`,
      "first",
    );
  }
  const query = db
    .getRepository(Village)
    .createQueryBuilder("v")
    .where(`v.${parent.column} = :code`, { code: parent.code });
  const afterCode = after ? decodeCursor(after) : null;
  const page = afterCode ? query.clone().andWhere("v.code > :after", { after: afterCode }) : query.clone();
  const rows = await page
    .orderBy("v.code", "ASC")
    .limit(first + 1)
    .getMany();
  const nodes = rows.slice(0, first);
  const connection = new VillageConnection();
  connection.nodes = nodes;
  connection.pageInfo = {
    hasNextPage: rows.length > first,
    endCursor: nodes.length ? encodeCursor(nodes[nodes.length - 1].code) : null,
  };
  connection.countAll = () => query.getCount();
  return connection;
}
