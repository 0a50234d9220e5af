import type { SubgraphDefinition } from "@cakupan/kit";
import { buildParticipantsSchema, entities, migrations, SUBGRAPH_NAME } from "./schema";
import { coverageEventRoutes } from "./coverage/coverage.events";
import { seedParticipants } from "./seed";

export { buildParticipantsSchema, entities, migrations, SUBGRAPH_NAME } from "./schema";
export { seedParticipants } from "./seed";
export * from "./coverage";
export * from "./registry";

export const participantsSubgraph: SubgraphDefinition = {
  name: SUBGRAPH_NAME,
  defaultPort: 4002,
  entities,
  migrations,
  buildSchema: buildParticipantsSchema,
  seed: seedParticipants,
  routes: coverageEventRoutes,
};
