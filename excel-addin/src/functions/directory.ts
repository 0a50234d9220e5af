import { foldRegionText, type RegionResolution, RegionReferences, regionLabel } from "@cakupan/core";
import LOOKUPS from "../operations/lookups.graphql";
import { type GatewayConfig, postGraphQL } from "../shared/gateway";
import { invalidValue, notAvailable } from "./errors";

export interface RegencyEntry {
  code: string;
  name: string;
  shortName: string;
  /** KABUPATEN or KOTA. */
  kind: string;
  aliases: string[];
  province: { code: string; name: string };
}

export interface ProvinceEntry {
  code: string;
  name: string;
}

/** A province as typed: "Sumatera Selatan", "Prov. Sumatera Selatan", "provinsi  sumatera selatan" alike. */
function provinceKey(text: string): string {
  return foldRegionText(text).replace(/^(provinsi|prov) /, "");
}

/** "Kota Malang (35.73)": how a cell's message names the region it read. */
export const regencyLabel = (regency: RegencyEntry): string => regionLabel(regency);

/** A code typed as a number loses its trailing zero (16.10 -> 16.1): put it back. */
function codeText(value: unknown): string {
  if (typeof value === "number")
    return Number.isInteger(value) ? String(value).padStart(2, "0") : value.toFixed(2);
  return String(value ?? "").trim();
}

/**
 * Every region name, alias and code the gateway knows, fetched once per session (regions change only with
 * Kemendagri regulations), so a region argument costs no request of its own.
 */
export class RegionDirectory {
  private loading?: Promise<void>;
  private references = new RegionReferences<RegencyEntry>([]);
  private provinceByKey = new Map<string, ProvinceEntry>();
  regencies: RegencyEntry[] = [];
  provinces: ProvinceEntry[] = [];

  constructor(private readonly gateway: () => GatewayConfig) {}

  load(): Promise<void> {
    this.loading ??= postGraphQL<{ provinces: ProvinceEntry[]; regencies: RegencyEntry[] }>(
      this.gateway(),
      LOOKUPS.JskDirectory.body,
    ).then(
      ({ data, errors }) => {
        if (!data)
          throw notAvailable(`The gateway did not list the regions: ${errors?.[0]?.message ?? "no data"}`);
        this.regencies = data.regencies;
        this.provinces = data.provinces;
        for (const province of data.provinces) {
          this.provinceByKey.set(province.code, province);
          this.provinceByKey.set(provinceKey(province.name), province);
        }
        this.references = new RegionReferences(data.regencies);
      },
      (error) => {
        this.loading = undefined;
        throw error;
      },
    );
    return this.loading;
  }

  /** How a region argument reads, by the one resolver of @cakupan/core: resolved, ambiguous or unknown. */
  async resolve(value: unknown): Promise<RegionResolution<RegencyEntry>> {
    const text = codeText(value);
    if (!text)
      throw invalidValue(
        "The region is empty: give a code like 16.06, a name like Kota Malang, or an alias like Muba.",
      );
    await this.load();
    return this.references.resolve(text);
  }

  /** The regency a region argument names; #N/A listing the candidates when it names two, never a guess. */
  async regency(value: unknown): Promise<RegencyEntry> {
    const answer = await this.resolve(value);
    if (answer.status !== "resolved") throw notAvailable(answer.message);
    return answer.region;
  }

  async province(value: unknown): Promise<ProvinceEntry | null> {
    await this.load();
    const text = codeText(value);
    return this.provinceByKey.get(text) ?? this.provinceByKey.get(provinceKey(text)) ?? null;
  }

  regenciesOf(provinceCode: string): RegencyEntry[] {
    return this.regencies.filter((r) => r.province.code === provinceCode);
  }
}
