import { buildSubgraphSchema, printSubgraphSchema } from "@apollo/subgraph";
import { MapperKind, mapSchema, printSchemaWithDirectives } from "@graphql-tools/utils";
import { type GraphQLFieldResolver, GraphQLObjectType, type GraphQLSchema, parse } from "graphql";
import { type BuildSchemaOptions, buildSchema, createResolversMap } from "type-graphql";
import { authChecker } from "./authorization";
import { DateScalar } from "@cakupan/core";
import type { RequestContext } from "./context";

/** The federation directives a subgraph may use; one version for all subgraphs keeps composition predictable. */
const FEDERATION_LINK = `
  extend schema
    @link(
      url: "https://specs.apollo.dev/federation/v2.7"
      import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag", "@authenticated", "@requiresScopes"]
    )
`;

/**
 * The root types' descriptions, the same in every subgraph so that composition keeps them (type-graphql has no
 * option for them).
 */
export const ROOT_TYPE_DESCRIPTIONS = {
  query:
    "Reading: regions by Kemendagri code, coverage (cakupan) and its figures, the registry of enrolled workers in " +
    "numbers, the Paritrana Award, officials, agreements, sources and rules. A figure from a source answers that " +
    "source and its status (REPORTED, COMPUTED, ESTIMATE).",
  mutation:
    "Writing: a write that breaks a rule stores nothing and names every rule it breaks (BAD_USER_INPUT, or an " +
    "import's problems); what is stored is stored in one transaction and recorded in the audit log of the " +
    "subgraph that stored it.",
} as const;

/** @apollo/subgraph's resolver map, as buildSubgraphSchema takes it (the type itself is not exported). */
type GraphQLResolverMap = NonNullable<
  Extract<Parameters<typeof buildSubgraphSchema>[0], { typeDefs: unknown }>["resolvers"]
>;

export type ReferenceResolvers = Record<
  string,
  { __resolveReference: (reference: never, ...rest: never[]) => unknown }
>;

/**
 * graphql-js resolvers, by type and field, that stand in for type-graphql's wrapper of a field declared with
 * @FieldResolver: for fields a large answer resolves thousands of times (a national table's 514 regencies'
 * figures and their ~2,000 sources), where the wrapper, with no middleware to run, still builds and sorts its
 * parameters on every call. Only for fields with no @Authorized and no middleware: none would run here.
 */
export type PlainFieldResolvers = Record<
  string,
  Record<string, GraphQLFieldResolver<never, RequestContext, never>>
>;

/**
 * type-graphql classes -> SDL with their directives -> @apollo/subgraph schema.
 * type-graphql's own schema check is skipped because a subgraph may have no Query fields of its own.
 */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, "skipCheck">,
  referenceResolvers: ReferenceResolvers = {},
  plainFieldResolvers: PlainFieldResolvers = {},
): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    ...options,
    scalarsMap: [...(options.scalarsMap ?? []), { type: Date, scalar: DateScalar }],
    authChecker,
    validate: false,
    skipCheck: true,
  });
  const described = mapSchema(schema, {
    [MapperKind.QUERY]: (type) =>
      new GraphQLObjectType({ ...type.toConfig(), description: ROOT_TYPE_DESCRIPTIONS.query }),
    [MapperKind.MUTATION]: (type) =>
      new GraphQLObjectType({ ...type.toConfig(), description: ROOT_TYPE_DESCRIPTIONS.mutation }),
  });
  const resolvers = createResolversMap(schema) as GraphQLResolverMap;
  for (const [typeName, reference] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...reference } as never;
  }
  for (const [typeName, fields] of Object.entries(plainFieldResolvers)) {
    const type = schema.getType(typeName);
    for (const fieldName of Object.keys(fields)) {
      // A renamed field would otherwise keep type-graphql's resolver and this one would answer nothing.
      if (!(type instanceof GraphQLObjectType) || !type.getFields()[fieldName]?.resolve)
        throw new Error(
          `${typeName}.${fieldName} is no field with a resolver: it has no plain resolver to take.`,
        );
    }
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...fields } as never;
  }
  return buildSubgraphSchema({
    typeDefs: parse(FEDERATION_LINK + printSchemaWithDirectives(described)),
    resolvers,
  });
}

/** The subgraph SDL as composition and the committed schema/ files see it. */
export function printSubgraphSdl(schema: GraphQLSchema): string {
  return printSubgraphSchema(schema).trim() + "\n";
}
