import { runSubgraphCli } from "@cakupan/kit";
import { awardsSubgraph } from "./index";

runSubgraphCli(awardsSubgraph).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
