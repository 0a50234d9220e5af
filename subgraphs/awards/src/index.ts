import type { SubgraphDefinition } from "@cakupan/kit";
import { buildAwardsSchema, entities, migrations, SUBGRAPH_NAME } from "./schema";
import { seedAwards } from "./seed";

export { buildAwardsSchema, entities, migrations, SUBGRAPH_NAME } from "./schema";
export { seedAwards } from "./seed";

export const awardsSubgraph: SubgraphDefinition = {
  name: SUBGRAPH_NAME,
  defaultPort: 4003,
  entities,
  migrations,
  buildSchema: buildAwardsSchema,
  seed: seedAwards,
};
