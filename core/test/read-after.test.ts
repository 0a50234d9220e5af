import { describe, expect, it } from "vitest";
import { formatReadAfter, mergeReadAfter, parseReadAfter, parseWalPosition } from "../src/read-after";

describe("read-after positions", () => {
  it("orders WAL positions by both halves", () => {
    expect(parseWalPosition("1/0")! > parseWalPosition("0/FFFFFFFF")!).toBe(true);
    expect(parseWalPosition("0/16B3D48")).toBe(0x16b3d48n);
    expect(parseWalPosition("not a position")).toBeUndefined();
  });

  it("reads what it writes, ignoring entries a client made up", () => {
    const text = formatReadAfter({ participants: "0/16B3D48", awards: "1/A" });
    expect(parseReadAfter(text)).toEqual({ participants: "0/16B3D48", awards: "1/A" });
    expect(parseReadAfter("participants:0/1|Robert');DROP:0/1|awards:soon")).toEqual({ participants: "0/1" });
  });

  it("keeps each subgraph's latest position when merged", () => {
    expect(
      mergeReadAfter({ participants: "0/20", awards: "0/5" }, { participants: "0/1F", regencies: "0/1" }),
    ).toEqual({ participants: "0/20", awards: "0/5", regencies: "0/1" });
  });
});
