import { kemendagriCodeOfBps, kemendagriCodeRenumbered2022 } from "./bps-crosswalk";

/**
 * How a person's reference to a regency or city ("Kota Malang", "Kab. Malang", "1606", "16.06", "Muba",
 * "BPS 1101") is read: ONE reader for GraphQL, the add-in, the dashboard, the exports and the import. It
 * never guesses: a reference two regions answer to is refused with both, an unknown one with what a
 * reference looks like and the nearest names.
 */
export type RegionKind = "KABUPATEN" | "KOTA";

/** A regency or city as the directory lists it (the regencies subgraph's master, idn-area-data). */
export interface RegionEntry {
  code: string;
  /** Official name: "Kabupaten Malang". */
  name: string;
  /** Without Kabupaten/Kota: "Malang". */
  shortName: string;
  aliases?: readonly string[];
  /** When absent, read from the name's first word. */
  kind?: RegionKind | string;
  province?: { code: string; name: string };
}

/** How a reference was read. */
export type ReadAs = "kemendagri-code" | "bps-code" | "name" | "short-name" | "alias";

export interface RegionCandidate {
  code: string;
  name: string;
  /** How the reference reads as this region: its Kemendagri code, its BPS code, its name or an alias. */
  readAs: ReadAs;
}

export type RegionResolution<T extends RegionEntry = RegionEntry> =
  | { status: "resolved"; code: string; name: string; region: T; readAs: ReadAs; note: string | null }
  | { status: "ambiguous"; reference: string; candidates: RegionCandidate[]; message: string }
  | { status: "unknown"; reference: string; suggestions: RegionCandidate[]; message: string };

/** "Kota Malang (35.73)": how every answer names the region it resolved to. */
export function regionLabel(region: { code: string; name: string }): string {
  return `${region.name} (${region.code})`;
}

/** Written before a name: kind they say (or none: a government form, which every kind has). */
const KIND_WORDS: [words: string, kind: RegionKind | null][] = [
  ["pemerintah kabupaten", "KABUPATEN"],
  ["pemerintah kota", "KOTA"],
  ["kabupaten administrasi", "KABUPATEN"],
  ["kab administrasi", "KABUPATEN"],
  ["kab adm", "KABUPATEN"],
  ["kota administrasi", "KOTA"],
  ["kota adm", "KOTA"],
  ["kabupaten", "KABUPATEN"],
  ["kab", "KABUPATEN"],
  ["pemkab", "KABUPATEN"],
  ["kotamadya", "KOTA"],
  ["kodya", "KOTA"],
  ["kota", "KOTA"],
  ["pemkot", "KOTA"],
];

/**
 * Case, spacing, punctuation and diacritics folded away: "  Kab.  Toli-Toli " -> "kab toli toli",
 * "Pasangkayu" and "PASANGKAYU" alike, "Kotabaru" kept whole.
 */
export function foldRegionText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/**
 * A name as the resolver compares it: its kind word (Kabupaten, Kab., Kota, Kodya, ...) apart, and the rest
 * without spaces, so "Toli-Toli", "Toli Toli" and "Tolitoli", or "Pangkal Pinang" and "Pangkalpinang",
 * are one name.
 */
export function normaliseRegionName(text: string): { kind: RegionKind | null; key: string; whole: string } {
  const folded = foldRegionText(text);
  const whole = folded.replace(/ /g, "");
  for (const [words, kind] of KIND_WORDS) {
    if (folded.startsWith(`${words} `))
      return { kind, key: folded.slice(words.length + 1).replace(/ /g, ""), whole };
  }
  return { kind: null, key: whole, whole };
}

/**
 * What a name search looks for, by the same folding: "Kab. Musi Banyuasin", "kabupaten  muba " -> "musi
 * banyuasin", "muba" (kind word and punctuation gone, single spaces kept for a substring match).
 */
export function regionSearchText(text: string): string {
  const folded = foldRegionText(text);
  for (const [words] of KIND_WORDS) if (folded.startsWith(`${words} `)) return folded.slice(words.length + 1);
  return folded;
}

function kindOf(entry: RegionEntry): RegionKind {
  const kind = String(entry.kind ?? "").toUpperCase();
  if (kind === "KOTA" || kind === "KABUPATEN") return kind;
  return /^kota\b/i.test(entry.name.trim()) ? "KOTA" : "KABUPATEN";
}

const KEMENDAGRI = /^(\d{2})\.(\d{2})$/;
const COMPACT = /^(\d{2})(\d{2})$/;
const BPS = /^bps\s*[:-]?\s*(\d{4})$/i;

function orList(items: string[]): string {
  return items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`;
}

/** Every region one key names, with how it names it. */
type Index<T> = Map<string, { entry: T; readAs: ReadAs }[]>;

/**
 * The directory as the resolver reads it, indexed once: names, short names and aliases by their normalised
 * key; codes by code. Build one per directory and reuse it (the add-in and the gateway keep theirs).
 */
export class RegionReferences<T extends RegionEntry = RegionEntry> {
  private readonly byCode = new Map<string, T>();
  private readonly byKey: Index<T> = new Map();
  private readonly kinds = new Map<string, RegionKind>();

  constructor(readonly entries: readonly T[]) {
    for (const entry of entries) {
      this.byCode.set(entry.code, entry);
      this.kinds.set(entry.code, kindOf(entry));
      this.add(normaliseRegionName(entry.shortName).whole, entry, "short-name");
      this.add(normaliseRegionName(entry.name).key, entry, "name");
      this.add(normaliseRegionName(entry.name).whole, entry, "name");
      for (const alias of entry.aliases ?? []) this.add(normaliseRegionName(alias).key, entry, "alias");
    }
  }

  private add(key: string, entry: T, readAs: ReadAs): void {
    if (!key) return;
    const list = this.byKey.get(key) ?? [];
    if (!list.some((c) => c.entry.code === entry.code)) list.push({ entry, readAs });
    this.byKey.set(key, list);
  }

  /** The region of a Kemendagri regency code ("16.06"), if the directory has it. */
  byKemendagriCode(code: string): T | undefined {
    return this.byCode.get(code);
  }

  resolve(reference: unknown): RegionResolution<T> {
    const text = String(reference ?? "").trim();
    if (!text) return this.unknown(text, "the reference is empty");

    const dotted = KEMENDAGRI.exec(text);
    if (dotted) {
      const region = this.byCode.get(text);
      if (region) return this.resolved(region, "kemendagri-code", null);
      const moved = this.renumbered(text);
      return moved
        ? this.unknown(text, this.renumberedReason(text, moved), [this.candidate(moved, "kemendagri-code")])
        : this.unknown(text, `No regency or city has the Kemendagri code ${text}`);
    }

    const bpsOnly = BPS.exec(text);
    if (bpsOnly) {
      const region = this.viaBps(bpsOnly[1]);
      return region
        ? this.resolved(region, "bps-code", this.bpsNote(bpsOnly[1], region))
        : this.unknown(
            text,
            `BPS code ${bpsOnly[1]} is not in the BPS–Kemendagri crosswalk (BPS codes of 2020)`,
          );
    }

    const compact = COMPACT.exec(text);
    if (compact) return this.compact(text, `${compact[1]}.${compact[2]}`);

    if (/^\d+([.\s]\d+)*$/.test(text)) return this.unknown(text, this.codeShape(text));

    const { kind, key, whole } = normaliseRegionName(text);
    let matches = this.byKey.get(key) ?? [];
    if (kind) {
      const ofKind = matches.filter((m) => this.kinds.get(m.entry.code) === kind);
      // "Kotabaru", "Kota Baru": a name may begin with a kind word; read whole before refusing.
      matches = ofKind.length ? ofKind : (this.byKey.get(whole) ?? []);
      if (!matches.length) {
        const otherKind = (this.byKey.get(key) ?? []).map((m) => m.entry);
        if (otherKind.length)
          return {
            status: "unknown",
            reference: text,
            suggestions: otherKind.map((entry) => this.candidate(entry, "short-name")),
            message: `Unknown region "${text}": there is no ${kind === "KOTA" ? "Kota" : "Kabupaten"} of that name, but there is ${orList(otherKind.map(regionLabel))}.`,
          };
      }
    }
    // With its kind word ("Kota Malang") a short name is the official name.
    const readAs = (m: { readAs: ReadAs }): ReadAs => (kind && m.readAs === "short-name" ? "name" : m.readAs);
    if (matches.length === 1) return this.resolved(matches[0].entry, readAs(matches[0]), null);
    if (matches.length > 1) {
      const candidates = matches.map((m) => this.candidate(m.entry, readAs(m)));
      const named = candidates.map(regionLabel);
      return {
        status: "ambiguous",
        reference: text,
        candidates,
        message: `"${text}" is ambiguous: ${orList(named)}. Write the full name or the code.`,
      };
    }
    return this.unknown(text);
  }

  /** "1606": the Kemendagri code without its dot, or a BPS code; both readings must name one region. */
  private compact(text: string, dotted: string): RegionResolution<T> {
    const byKemendagri = this.byCode.get(dotted);
    const byBps = this.viaBps(text);
    if (byKemendagri && (!byBps || byBps.code === byKemendagri.code))
      return this.resolved(byKemendagri, "kemendagri-code", null);
    const moved = byKemendagri ? undefined : this.renumbered(dotted);
    if (moved && byBps && moved.code !== byBps.code) {
      const candidates = [this.candidate(moved, "kemendagri-code"), this.candidate(byBps, "bps-code")];
      return {
        status: "ambiguous",
        reference: text,
        candidates,
        message:
          `"${text}" is ambiguous: ${regionLabel(moved)}, whose Kemendagri code was ${dotted} until 2022, or ` +
          `${regionLabel(byBps)} by its BPS code. Write ${moved.code} for the first, or "BPS ${text}" for the second.`,
      };
    }
    if (moved && !byBps)
      return this.unknown(text, this.renumberedReason(dotted, moved), [
        this.candidate(moved, "kemendagri-code"),
      ]);
    if (byBps && !byKemendagri) return this.resolved(byBps, "bps-code", this.bpsNote(text, byBps));
    if (byBps && byKemendagri) {
      const candidates = [this.candidate(byKemendagri, "kemendagri-code"), this.candidate(byBps, "bps-code")];
      return {
        status: "ambiguous",
        reference: text,
        candidates,
        message:
          `"${text}" is ambiguous: ${regionLabel(byKemendagri)} by its Kemendagri code or ${regionLabel(byBps)} ` +
          `by its BPS code. Write ${dotted} for the first, or "BPS ${text}" for the second.`,
      };
    }
    return this.unknown(text, `No regency or city has the code ${dotted} (Kemendagri) or ${text} (BPS)`);
  }

  /** The regency a Kemendagri code retired in 2022 belonged to (Papua's new provinces). */
  private renumbered(before: string): T | undefined {
    const now = kemendagriCodeRenumbered2022(before);
    return now ? this.byCode.get(now) : undefined;
  }

  private renumberedReason(before: string, region: T): string {
    return `${before} was ${region.name}'s Kemendagri code until Papua's new provinces were formed in 2022; it is ${region.code} now: write ${region.code}`;
  }

  private viaBps(bps: string): T | undefined {
    const code = kemendagriCodeOfBps(bps);
    return code ? this.byCode.get(code) : undefined;
  }

  private bpsNote(bps: string, region: T): string {
    return `BPS code ${bps} is ${regionLabel(region)} by Kemendagri's code (BPS–Kemendagri crosswalk of 2020).`;
  }

  private codeShape(text: string): string {
    const digits = text.replace(/\D/g, "");
    if (digits.length === 2) return `${text} is a province code, not a regency's`;
    if (digits.length === 6 || digits.length === 7)
      return `${text} is a district (kecamatan) code, not a regency's`;
    if (digits.length === 10) return `${text} is a village code, not a regency's`;
    return `"${text}" is not a regency code`;
  }

  private candidate(entry: T, readAs: ReadAs): RegionCandidate {
    return { code: entry.code, name: entry.name, readAs };
  }

  private resolved(region: T, readAs: ReadAs, note: string | null): RegionResolution<T> {
    return { status: "resolved", code: region.code, name: region.name, region, readAs, note };
  }

  private unknown(text: string, reason?: string, pointers: RegionCandidate[] = []): RegionResolution<T> {
    const suggestions = reason ? pointers : this.suggest(text);
    const hint =
      'give a Kemendagri code like 16.06 (or 1606), a name like "Kabupaten Musi Banyuasin" or "Kota Malang", or an alias like "Muba"';
    const nearest = suggestions.length ? ` Nearest: ${orList(suggestions.map(regionLabel))}.` : "";
    return {
      status: "unknown",
      reference: text,
      suggestions,
      message: `Unknown region "${text}": ${reason ? `${reason}; ` : ""}${hint}.${nearest}`,
    };
  }

  /** Names that begin with, or contain, what was typed: at most five, for a typo's nearest neighbours. */
  private suggest(text: string): RegionCandidate[] {
    const { key } = normaliseRegionName(text);
    if (key.length < 3) return [];
    const found = new Map<string, RegionCandidate>();
    for (const [candidateKey, matches] of this.byKey) {
      if (!candidateKey.startsWith(key) && !(key.length >= 4 && candidateKey.includes(key))) continue;
      for (const { entry, readAs } of matches) found.set(entry.code, this.candidate(entry, readAs));
      if (found.size >= 5) break;
    }
    return [...found.values()].slice(0, 5);
  }
}

const indexes = new WeakMap<readonly RegionEntry[], RegionReferences>();

/** Reads a reference against a directory (indexed once per directory array). */
export function resolveRegion<T extends RegionEntry>(
  reference: unknown,
  directory: readonly T[],
): RegionResolution<T> {
  let index = indexes.get(directory) as RegionReferences<T> | undefined;
  if (!index) {
    index = new RegionReferences(directory);
    indexes.set(directory, index as unknown as RegionReferences);
  }
  return index.resolve(reference);
}
