import { envPort, envString, stopOnSignals } from "@cakupan/kit";
import { DEFAULT_SUPERGRAPH_PATH, subgraphUrlOverrides } from "./gateway";
import { startGatewayServer } from "./server";

startGatewayServer({
  port: envPort("PORT", 4000),
  host: envString("HOST", "127.0.0.1"),
  supergraphPath: envString("SUPERGRAPH_PATH", DEFAULT_SUPERGRAPH_PATH),
  subgraphUrls: subgraphUrlOverrides(),
}).then(
  (server) => {
    console.log(`gateway ready at ${server.url}`);
    stopOnSignals(server.stop);
  },
  (error: Error) => {
    console.error(`gateway did not start: ${error.message}`);
    process.exit(1);
  },
);
