import { createUnionType, Directive, Field, ID, ObjectType } from "type-graphql";
import { Organisation } from "./nomination.entity";

/** Regions are owned by the regencies subgraph; here they are keys that awards and nominations hang on. */
@ObjectType("Regency")
@Directive('@key(fields: "code")')
export class Regency {
  @Field(() => ID)
  code!: string;
}

@ObjectType("Province")
@Directive('@key(fields: "code")')
export class Province {
  @Field(() => ID)
  code!: string;
}

@ObjectType("Village")
@Directive('@key(fields: "code")')
export class Village {
  @Field(() => ID)
  code!: string;
}

export const Nominee = createUnionType({
  name: "Nominee",
  description:
    "Who is nominated: a regency/city, province or village government (from the regencies subgraph), or an organisation.",
  types: () => [Regency, Province, Village, Organisation] as const,
});

export function regionStub<T extends Regency | Province | Village>(type: new () => T, code: string): T {
  return Object.assign(new type(), { code });
}
