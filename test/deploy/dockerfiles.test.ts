import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DockerfileParser } from "dockerfile-ast";
import { validate } from "dockerfile-utils";
import { describe, expect, it } from "vitest";

/**
 * No container engine runs here, so the Dockerfiles are checked as far as can be without one: parsed and
 * linted by the library behind VS Code's Docker support, and every path they copy from the build stage or
 * run is one this repository's build (`npm test` builds first) really produces.
 */
const ROOT = join(__dirname, "..", "..");
const SERVICES = [
  { name: "gateway", dir: "gateway", port: 4000, main: "gateway/dist/main.js" },
  { name: "regencies", dir: "subgraphs/regencies", port: 4001, main: "subgraphs/regencies/dist/main.js" },
  {
    name: "participants",
    dir: "subgraphs/participants",
    port: 4002,
    main: "subgraphs/participants/dist/main.js",
  },
  { name: "awards", dir: "subgraphs/awards", port: 4003, main: "subgraphs/awards/dist/main.js" },
];

describe.each(SERVICES)("the $name Dockerfile", ({ dir, port, main }) => {
  const text = readFileSync(join(ROOT, dir, "Dockerfile"), "utf8");
  const dockerfile = DockerfileParser.parse(text);
  const instructions = dockerfile.getInstructions();
  const args = (keyword: string) =>
    instructions
      .filter((i) => i.getKeyword() === keyword)
      .map((i) => i.getArguments().map((a) => a.getValue()));

  it("has no error or warning of the Dockerfile linter", () => {
    expect(validate(text).map((d) => `${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
  });

  it("builds in one stage and runs from another, on a Node.js the project supports", () => {
    const stages = dockerfile
      .getFROMs()
      .map((from) => [from.getImageName(), from.getImageTag(), from.getBuildStage()]);
    expect(stages).toEqual([
      ["node", expect.stringMatching(/^(22|24)-/), "build"],
      ["node", expect.stringMatching(/^(22|24)-/), "runtime"],
    ]);
  });

  it("copies into the runtime only what the build produced, from the build stage", () => {
    const copies = dockerfile.getCOPYs().filter((copy) => copy.getFromFlag());
    expect(copies.length).toBeGreaterThan(2);
    for (const copy of copies) {
      expect(copy.getFromFlag()!.getValue()).toBe("build");
      const [source] = copy.getArguments().map((a) => a.getValue());
      expect(source.startsWith("/app/"), source).toBe(true);
      expect(existsSync(join(ROOT, source.slice("/app/".length))), `${source} after npm run build`).toBe(
        true,
      );
    }
  });

  it("runs the service's built entry point as an unprivileged user, health-checked on /ready", () => {
    const cmd = instructions.find((i) => i.getKeyword() === "CMD")!;
    const command = JSON.parse(cmd.getArgumentsContent()!) as string[];
    expect(command).toEqual(["node", main]);
    expect(existsSync(join(ROOT, main))).toBe(true);
    expect(args("USER")).toEqual([["node"]]);
    expect(args("EXPOSE")).toEqual([[String(port)]]);
    expect(args("ENV").flat()).toContain(`PORT=${port}`);
    expect(instructions.find((i) => i.getKeyword() === "HEALTHCHECK")!.getArgumentsContent()).toContain(
      `127.0.0.1:${port}/ready`,
    );
  });
});

describe("the image build context", () => {
  it("leaves out this machine's installs, builds and data", () => {
    const ignored = readFileSync(join(ROOT, ".dockerignore"), "utf8").split("\n");
    expect(ignored).toEqual(expect.arrayContaining(["**/node_modules", "**/dist", ".data"]));
  });
});
