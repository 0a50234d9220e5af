import {
  type GraphQLArgument,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
} from "graphql";

/** What carries a description in a schema: its kind and schema coordinate ("Regency.coverage(asOf:)"). */
export interface SchemaCoordinate {
  kind: "type" | "field" | "argument" | "input field" | "enum value";
  coordinate: string;
}

export interface DescriptionCensus {
  /** Every type, field, argument, input field and enum value of the schema (GraphQL's own types left out). */
  all: SchemaCoordinate[];
  /** Those without a description, or with one of only blanks. */
  undescribed: SchemaCoordinate[];
}

const described = (description: string | null | undefined) => Boolean(description?.trim());

/**
 * Every coordinate of a schema that should explain itself, and those that do not. GraphQL's own types
 * (String, Int, __Schema, ...) and directives are left out: they are described by the specification.
 */
export function describeCensus(schema: GraphQLSchema): DescriptionCensus {
  const all: SchemaCoordinate[] = [];
  const undescribed: SchemaCoordinate[] = [];
  const visit = (kind: SchemaCoordinate["kind"], coordinate: string, description?: string | null) => {
    all.push({ kind, coordinate });
    if (!described(description)) undescribed.push({ kind, coordinate });
  };
  const visitArguments = (field: string, args: readonly GraphQLArgument[]) => {
    for (const arg of args) visit("argument", `${field}(${arg.name}:)`, arg.description);
  };
  const types = Object.values(schema.getTypeMap())
    .filter((type) => !isIntrospectionType(type) && !isSpecifiedScalarType(type))
    .sort((a, b) => a.name.localeCompare(b.name));
  for (const type of types) {
    visit("type", type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        const coordinate = `${type.name}.${field.name}`;
        visit("field", coordinate, field.description);
        visitArguments(coordinate, field.args);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        visit("input field", `${type.name}.${field.name}`, field.description);
      }
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) {
        visit("enum value", `${type.name}.${value.name}`, value.description);
      }
    }
  }
  return { all, undescribed };
}

/** "fields: 12 of 295 undescribed, ..." per kind, for reports and test messages. */
export function summariseCensus({ all, undescribed }: DescriptionCensus): string {
  const kinds: SchemaCoordinate["kind"][] = ["type", "field", "argument", "input field", "enum value"];
  return kinds
    .map((kind) => {
      const total = all.filter((c) => c.kind === kind).length;
      const missing = undescribed.filter((c) => c.kind === kind).length;
      return `${kind}s: ${missing} of ${total} undescribed`;
    })
    .join("; ");
}
