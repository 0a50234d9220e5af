import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";

/** The XML manifest validator needs the network; this checks the manifest's structure instead. */
const ADDIN = join(__dirname, "..");
const xml = readFileSync(join(ADDIN, "manifest.xml"), "utf8");
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  removeNSPrefix: true,
  isArray: (name) => ["String", "Image", "Url", "Override", "Set", "Runtime"].includes(name),
});
const manifest = parser.parse(xml).OfficeApp;
const host = manifest.VersionOverrides.Hosts.Host;
const resources = manifest.VersionOverrides.Resources;

function allResids(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((child) => allResids(child, found));
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "@resid") found.push(String(value));
      else allResids(value, found);
    }
  }
  return found;
}

const defined = new Map<string, { DefaultValue: string; overrides: string[] }>();
for (const kind of ["Images", "Urls", "ShortStrings", "LongStrings"]) {
  const group = resources[kind];
  const entries = group.Image ?? group.Url ?? group.String ?? [];
  for (const entry of entries)
    defined.set(entry["@id"], {
      DefaultValue: entry["@DefaultValue"],
      overrides: (entry.Override ?? []).map((o: Record<string, string>) => o["@Locale"]),
    });
}

describe("the add-in manifest", () => {
  it("has a GUID id, a version and Indonesian as its default locale", () => {
    expect(manifest.Id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(manifest.Version).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(manifest.DefaultLocale).toBe("id-ID");
    expect(manifest.DisplayName.Override[0]["@Locale"]).toBe("en-US");
  });

  it("runs functions and task pane in one long-lived shared runtime", () => {
    expect(manifest.Requirements.Sets.Set).toContainEqual(
      expect.objectContaining({ "@Name": "SharedRuntime" }),
    );
    expect(host.Runtimes.Runtime).toEqual([{ "@resid": "Taskpane.Url", "@lifetime": "long" }]);
    const functions = host.AllFormFactors.ExtensionPoint;
    expect(functions["@type"]).toBe("CustomFunctions");
    expect(functions.Page.SourceLocation["@resid"]).toBe("Taskpane.Url");
    expect(host.DesktopFormFactor.FunctionFile["@resid"]).toBe("Taskpane.Url");
  });

  it("declares the JSK namespace", () => {
    const namespace = host.AllFormFactors.ExtensionPoint.Namespace["@resid"];
    expect(defined.get(namespace)?.DefaultValue).toBe("JSK");
  });

  it("resolves every resid it uses", () => {
    const missing = allResids(host).filter((id) => !defined.has(id));
    expect(missing).toEqual([]);
  });

  it("gives every visible string an English override", () => {
    for (const [id, entry] of defined) {
      if (id === "Functions.Namespace" || entry.DefaultValue.startsWith("https://")) continue;
      expect(entry.overrides, id).toContain("en-US");
    }
  });

  it("points every URL at the gateway's origin, over HTTPS, at files the build produces", () => {
    const urls = [...defined.values()].map((e) => e.DefaultValue).filter((v) => v.startsWith("http"));
    urls.push(
      manifest.IconUrl["@DefaultValue"],
      manifest.HighResolutionIconUrl["@DefaultValue"],
      manifest.DefaultSettings.SourceLocation["@DefaultValue"],
    );
    for (const url of urls) {
      expect(url, url).toMatch(/^https:\/\/localhost:4000\/addin\//);
      const file = url.replace("https://localhost:4000/addin/", "");
      expect(existsSync(join(ADDIN, "dist", file)), `dist/${file} (npm run build)`).toBe(true);
    }
    expect(manifest.AppDomains.AppDomain).toBe("https://localhost:4000");
  });
});
