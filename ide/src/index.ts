import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ExampleOperation } from "./readme-examples";

export * from "./readme-examples";

/** The built IDE (index.html, assets/): static files, served by the gateway under IDE_BASE_PATH. */
export const IDE_DIR = join(__dirname, "..", "dist", "web");

/** Where the IDE's assets are served; the bundle's URLs are built for it. */
export const IDE_BASE_PATH = "/ide/";

function builtFile(name: string): string {
  const path = join(IDE_DIR, name);
  if (!existsSync(path)) throw new Error(`The IDE is not built (${path} is missing): run npm run build.`);
  return readFileSync(path, "utf8");
}

/** The IDE's page: the gateway answers it at GET /graphql to a browser. */
export function ideIndexHtml(): string {
  return builtFile("index.html");
}

/** The README's example operations, as the IDE opens them, read from the build. */
export function ideExamples(): ExampleOperation[] {
  return JSON.parse(builtFile("examples.json")) as ExampleOperation[];
}
