import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginLandingPageLocalDefault } from "@apollo/server/plugin/landingPage/default";
import { IDE_BASE_PATH, IDE_DIR, ideExamples, ideIndexHtml } from "@cakupan/ide";
import { join } from "node:path";
import express, { type Express } from "express";

/**
 * What a browser opening /graphql is shown:
 * - `graphiql`: the IDE bundled into this gateway (@cakupan/ide), which needs no network;
 * - `sandbox`: Apollo Sandbox, loaded from Apollo's servers, for those online;
 * - `off`: nothing (GET /graphql answers GraphQL requests only).
 */
export const LANDING_PAGES = ["graphiql", "sandbox", "off"] as const;
export type LandingPage = (typeof LANDING_PAGES)[number];

/** LANDING_PAGE, else `graphiql` outside production and `off` in production (like introspection). */
export function landingPageFromEnv(env: NodeJS.ProcessEnv = process.env): LandingPage {
  const value = env.LANDING_PAGE?.trim().toLowerCase();
  if (!value) return env.NODE_ENV === "production" ? "off" : "graphiql";
  if (!(LANDING_PAGES as readonly string[]).includes(value)) {
    throw new Error(`LANDING_PAGE=${env.LANDING_PAGE} is not one of ${LANDING_PAGES.join(", ")}.`);
  }
  return value as LandingPage;
}

/** Apollo Server's landing-page hook, rendering the chosen page. */
export function landingPagePlugin(page: LandingPage): ApolloServerPlugin {
  if (page === "off") return ApolloServerPluginLandingPageDisabled();
  if (page === "sandbox") {
    // Opens on the README's first example, as the bundled IDE does.
    const [first] = ideExamples();
    return ApolloServerPluginLandingPageLocalDefault({
      embed: true,
      includeCookies: false,
      document: first?.query,
    });
  }
  const html = ideIndexHtml();
  return {
    async serverWillStart() {
      return { renderLandingPage: async () => ({ html }) };
    },
  };
}

/** The IDE's scripts, styles and workers: content-hashed names, so a browser may keep them for a year. */
export function ideRoutes(app: Express, page: LandingPage): void {
  if (page !== "graphiql") return;
  app.use(
    `${IDE_BASE_PATH}assets`,
    express.static(join(IDE_DIR, "assets"), { index: false, immutable: true, maxAge: "365d" }),
  );
}
