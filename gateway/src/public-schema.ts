import type { ApolloServerPlugin } from "@apollo/server";
import { GATEWAY_ROUTES } from "@cakupan/core";
import type { Express } from "express";
import { printSchema } from "graphql";

/**
 * GET /schema.graphql: the API schema the gateway serves (the supergraph without federation's join__ and
 * link__ machinery), as SDL for codegen tools. It is printed from the schema Apollo Server loaded, so it is
 * what this gateway answers, and equals the committed schema/api.graphql (a test proves it). Published
 * exactly when introspection is on: both tell the same thing.
 */
export function publicSchema(options: { published: boolean }) {
  let sdl: string | undefined;
  const plugin: ApolloServerPlugin = {
    async serverWillStart() {
      return {
        schemaDidLoadOrUpdate({ apiSchema }) {
          sdl = `${printSchema(apiSchema)}\n`;
        },
      };
    },
  };
  const routes = (app: Express) => {
    app.get(GATEWAY_ROUTES.publicSchema, (_request, response) => {
      if (!options.published) {
        const why = "introspection is off (GRAPHQL_INTROSPECTION)";
        response.status(404).type("text/plain").send(`The schema is not published here: ${why}.\n`);
        return;
      }
      if (!sdl) {
        response
          .status(503)
          .type("text/plain")
          .set("retry-after", "1")
          .send("The gateway is still loading its schema.\n");
        return;
      }
      // Cacheable, and revalidated cheaply (Express adds an ETag and answers 304 to a matching
      // If-None-Match): the schema changes only when the gateway is redeployed.
      response.set("cache-control", "public, max-age=300").type("text/plain; charset=utf-8").send(sdl);
    });
  };
  return { plugin, routes };
}
