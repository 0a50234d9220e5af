import LOOKUPS from "../operations/lookups.graphql";
import { type GatewayConfig, postGraphQL } from "../shared/gateway";
import { invalidValue, notAvailable } from "./errors";

export interface RegencyEntry {
  code: string;
  name: string;
  shortName: string;
  aliases: string[];
  province: { code: string; name: string };
}

export interface ProvinceEntry {
  code: string;
  name: string;
}

/** "Kab. Musi Banyuasin", "kabupaten  muba" -> "musi banyuasin", "muba". */
export function normaliseName(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/^(kabupaten|kab\.?|kota|pemkab|pemkot|provinsi|prov\.?)\s+/, "");
}

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
  private regencyByKey = new Map<string, RegencyEntry>();
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
          this.provinceByKey.set(normaliseName(province.name), province);
        }
        for (const regency of data.regencies) {
          for (const key of [regency.code, regency.name, regency.shortName, ...regency.aliases])
            this.regencyByKey.set(normaliseName(key), regency);
        }
      },
      (error) => {
        this.loading = undefined;
        throw error;
      },
    );
    return this.loading;
  }

  async regency(value: unknown): Promise<RegencyEntry> {
    const text = codeText(value);
    if (!text)
      throw invalidValue(
        "The region is empty: give a code like 16.06, a name like Musi Banyuasin, or an alias like Muba.",
      );
    await this.load();
    const found = this.regencyByKey.get(normaliseName(text));
    if (!found) throw notAvailable(`Unknown region '${text}' — use a code like 16.06 or a name`);
    return found;
  }

  async province(value: unknown): Promise<ProvinceEntry | null> {
    await this.load();
    return this.provinceByKey.get(normaliseName(codeText(value))) ?? null;
  }

  regenciesOf(provinceCode: string): RegencyEntry[] {
    return this.regencies.filter((r) => r.province.code === provinceCode);
  }
}
