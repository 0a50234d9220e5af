import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";

@Entity("village")
@ObjectType("Village", {
  description: 'A village or urban village (desa/kelurahan), keyed by its Kemendagri code ("16.06.01.2001").',
})
@Directive('@key(fields: "code")')
export class Village {
  @PrimaryColumn("text")
  @Field(() => ID, { description: 'Kemendagri code: "16.06.01.2001".' })
  code!: string;

  @Column("text", { name: "district_code" })
  districtCode!: string;

  @Column("text", { name: "regency_code" })
  regencyCode!: string;

  @Column("text")
  @Field({ description: "Name (nama desa/kelurahan)." })
  name!: string;
}

@ObjectType("PageInfo", { description: "Where a page ends and whether another follows." })
export class PageInfo {
  @Field({ description: "True when a next page exists: pass endCursor as `after`." })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: "Cursor of the last item of this page." })
  endCursor!: string | null;
}

@ObjectType("VillageConnection", { description: "One page of villages, in code order." })
export class VillageConnection {
  @Field(() => [Village], { description: "The villages of this page, at most `first`." })
  nodes!: Village[];

  @Field(() => PageInfo, { description: "Where this page ends and whether another follows." })
  pageInfo!: PageInfo;

  /** Counted only when asked for: a page alone costs one statement. */
  countAll!: () => Promise<number>;

  @Field(() => Int, { description: "All villages of the parent, across pages." })
  totalCount(): Promise<number> {
    return this.countAll();
  }
}
