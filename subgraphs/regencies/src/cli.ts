import { runSubgraphCli } from "@cakupan/kit";
import { regenciesSubgraph } from "./index";

runSubgraphCli(regenciesSubgraph).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
