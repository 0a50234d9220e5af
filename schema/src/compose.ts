import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { composeServices } from "@apollo/composition";
import { Supergraph } from "@apollo/federation-internals";
import { parseCommandLine, printSubgraphSdl } from "@cakupan/kit";
import { buildSchema, parse, printSchema } from "graphql";
import { describeCensus } from "./descriptions";
import { defaultRoutingUrl, SUBGRAPHS } from "./subgraphs";

export const SCHEMA_DIR = join(__dirname, "..");
export const SUPERGRAPH_FILE = join(SCHEMA_DIR, "supergraph.graphql");
/** The public API schema: what clients see and codegen reads (GET /schema.graphql serves the same). */
export const API_SCHEMA_FILE = join(SCHEMA_DIR, "api.graphql");

export interface Composition {
  subgraphs: { name: string; file: string; sdl: string }[];
  supergraphSdl?: string;
  apiSchemaSdl?: string;
  errors: string[];
}

/** Each subgraph's SDL printed from its code, and the supergraph composed from them. */
export async function composeSupergraph(): Promise<Composition> {
  const subgraphs = await Promise.all(
    SUBGRAPHS.map(async ({ definition }) => ({
      name: definition.name,
      url: defaultRoutingUrl(definition),
      file: join(SCHEMA_DIR, `${definition.name}.graphql`),
      sdl: printSubgraphSdl(await definition.buildSchema()),
    })),
  );
  const result = composeServices(
    subgraphs.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })),
  );
  if (result.errors) {
    return {
      subgraphs,
      errors: result.errors.map((error) => {
        const code = (error.extensions?.code as string | undefined) ?? "COMPOSITION_ERROR";
        const where = error.nodes
          ?.map((node) => (node.loc ? `${node.loc.source.name}:${node.loc.startToken.line}` : undefined))
          .filter(Boolean)
          .join(", ");
        return `[${code}] ${error.message}${where ? `\n    at ${where}` : ""}`;
      }),
    };
  }
  const supergraphSdl = result.supergraphSdl.trim() + "\n";
  return { subgraphs, supergraphSdl, apiSchemaSdl: apiSchemaOf(supergraphSdl), errors: [] };
}

/**
 * The API schema of a supergraph, as @apollo/gateway derives the schema it serves: without federation's
 * join__/link__ types and directives, without @inaccessible elements.
 */
export function apiSchemaOf(supergraphSdl: string): string {
  const supergraph = Supergraph.build(supergraphSdl, { supportedFeatures: null });
  return `${printSchema(supergraph.apiSchema().toGraphQLJSSchema())}\n`;
}

async function main(): Promise<void> {
  const composition = await composeSupergraph();
  for (const subgraph of composition.subgraphs) {
    writeFileSync(subgraph.file, subgraph.sdl);
    console.log(`wrote ${subgraph.file}`);
  }
  if (composition.errors.length) {
    console.error(`Composition failed with ${composition.errors.length} error(s):\n`);
    for (const error of composition.errors) console.error(`  ${error}\n`);
    console.error(
      "Fix the subgraph schemas above, then run npm run compose again. schema/supergraph.graphql was left as it was.",
    );
    process.exit(1);
  }
  writeFileSync(SUPERGRAPH_FILE, composition.supergraphSdl!);
  console.log(`wrote ${SUPERGRAPH_FILE}`);
  writeFileSync(API_SCHEMA_FILE, composition.apiSchemaSdl!);
  console.log(`wrote ${API_SCHEMA_FILE}`);
  const { undescribed } = describeCensus(buildSchema(composition.apiSchemaSdl!));
  if (undescribed.length) {
    // Said here, while the author is at it; test/e2e/schema/descriptions.test.ts is what fails.
    console.warn(
      `\n${undescribed.length} coordinate(s) of the public schema have no description (README, Schema conventions):`,
    );
    for (const { kind, coordinate } of undescribed) console.warn(`  ${kind} ${coordinate}`);
  }
}

if (require.main === module) {
  parseCommandLine(process.argv.slice(2), {
    options: {},
    help: "npm run compose -- --help",
    usage: `usage: npm run compose

Prints each subgraph's SDL from its code into schema/<subgraph>.graphql and composes
schema/supergraph.graphql with @apollo/composition. On a composition error it prints each error with its
code and location, exits non-zero, and leaves the supergraph as it was.`,
  });
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
