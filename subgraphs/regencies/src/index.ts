import type { SubgraphDefinition } from "@cakupan/kit";
import { buildRegenciesSchema, entities, migrations, SUBGRAPH_NAME } from "./schema";
import { seedRegencies } from "./seed";
import { terminalProgress } from "./seed/progress";

export { buildRegenciesSchema, entities, migrations, SUBGRAPH_NAME } from "./schema";
export { seedRegencies } from "./seed";
export { silentProgress, terminalProgress } from "./seed/progress";

export const regenciesSubgraph: SubgraphDefinition = {
  name: SUBGRAPH_NAME,
  defaultPort: 4001,
  entities,
  migrations,
  buildSchema: buildRegenciesSchema,
  seed: async (dataSource) => {
    await seedRegencies(dataSource, terminalProgress());
  },
};
