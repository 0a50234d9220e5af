// Monaco's workers (editor, JSON, GraphQL) bundled as files of their own: nothing is fetched from a CDN.
import "graphiql/setup-workers/vite";
import "graphiql/style.css";
import "@graphiql/plugin-explorer/style.css";
import "./ide.css";
import { explorerPlugin } from "@graphiql/plugin-explorer";
import { GraphiQL } from "graphiql";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import examples from "virtual:readme-examples";
import { createFetcher } from "./fetcher";
import { tokenPlugin } from "./token-plugin";

const fetcher = createFetcher(new URL("/graphql", window.location.href).href);
const plugins = [explorerPlugin({ showAttribution: false }), tokenPlugin];

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <GraphiQL fetcher={fetcher} plugins={plugins} defaultTabs={examples.map(({ query }) => ({ query }))}>
      <GraphiQL.Logo>Cakupan API</GraphiQL.Logo>
    </GraphiQL>
  </StrictMode>,
);
