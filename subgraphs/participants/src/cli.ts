import { runSubgraphCli } from "@cakupan/kit";
import { participantsSubgraph } from "./index";

runSubgraphCli(participantsSubgraph).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
