import type { GatewayConfig } from "../shared/gateway";
import { readSettings } from "../shared/settings";
import { toExcelError } from "./errors";
import { Jsk, metricArgument } from "./jsk";
import { LiveHub } from "./live";

/** The gateway the functions ask: re-read on each request, so a new URL or token in the task pane applies at once. */
export function gatewayFromSettings(): GatewayConfig {
  const { gatewayUrl, token } = readSettings();
  return { url: gatewayUrl, token };
}

let jsk: Jsk | undefined;
let hub: LiveHub | undefined;

/** The one Jsk (and its batcher and region directory) of this runtime; tests install their own. */
export function useJsk(instance: Jsk, liveHub?: LiveHub): void {
  jsk = instance;
  hub = liveHub ?? new LiveHub(instance, instance.gateway);
}

function service(): Jsk {
  if (!jsk) useJsk(new Jsk(gatewayFromSettings));
  return jsk!;
}

function liveHub(): LiveHub {
  service();
  return hub!;
}

/** A fraction typed for Excel as a number shown as a percentage (0.4826: 48.26%, or 48,26% in Indonesian). */
export type Percent = Excel.FormattedNumberCellValue | number;

/**
 * Excel's formatted-number values (ExcelApi 1.16) keep their format wherever the value goes; a host without
 * them gets the plain fraction, which it shows as 0.4826.
 */
export function percent(fraction: number): Percent {
  const typed =
    typeof Office !== "undefined" && Office.context?.requirements?.isSetSupported?.("ExcelApi", "1.16");
  return typed ? { type: "FormattedNumber", basicValue: fraction, numberFormat: "0.00%" } : fraction;
}

async function cell<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toExcelError(error);
  }
}

/**
 * The regency a region reference names, as every JSK function reads it: its Kemendagri code and official name (two cells), so a sheet shows what its references mean. A name a kabupaten and a kota share ("Malang") is #N/A listing both, never a guess.
 * @customfunction REGION
 * @param region A code ("16.06" or "1606"), a name ("Kota Malang", "Kab. Malang"), an alias ("Muba") or a BPS code ("BPS 1101"), or a cell holding one.
 * @returns The Kemendagri code and the official name, side by side.
 */
export function region(region: any): Promise<string[][]> {
  return cell(() => service().region(region));
}

/**
 * Coverage rate of a regency (cakupan kepesertaan BPJS Ketenagakerjaan): a fraction shown as a percentage (48.26%).
 * @customfunction COVERAGE
 * @param region Regency code ("16.06", "1606"), name ("Kota Malang", "Musi Banyuasin") or alias ("Muba"), or a cell holding one.
 * @param [asOf] Date: the last report at or before it (default today).
 * @returns Active participants divided by the workforce estimate.
 */
export function coverage(region: any, asOf?: any): Promise<Excel.FormattedNumberCellValue | number> {
  return cell(async () => percent(await service().coverage(region, asOf)));
}

/**
 * Active participants of a regency (peserta aktif), in total or for one segment, group or funding source.
 * @customfunction PARTICIPANTS
 * @param region Regency code, name or alias.
 * @param [asOf] Date: the last report at or before it (default today).
 * @param [segment] PU, BPU, JAKON, PMI, NON-ASN, PERANGKAT DESA, RENTAN, APBD, APBDES, PROVINSI, CSR, BAZNAS, MANDIRI or PEMBERI KERJA.
 * @returns Persons.
 */
export function participants(region: any, asOf?: any, segment?: string): Promise<number> {
  return cell(() => service().participants(region, asOf, segment));
}

/**
 * Workforce estimate of a regency (potensi tenaga kerja): the denominator of coverage.
 * @customfunction WORKFORCE
 * @param region Regency code, name or alias.
 * @param [year] Year of the estimate (default the latest).
 * @returns Persons.
 */
export function workforce(region: any, year?: any): Promise<number> {
  return cell(() => service().workforce(region, year));
}

/**
 * Coverage target in force for a regency (target cakupan): a fraction shown as a percentage (52.15%).
 * @customfunction TARGET
 * @param region Regency code, name or alias.
 * @param [year] Year (default this year): that year's own target; #N/A naming the last known when it has none.
 * @returns The target rate.
 */
export function target(region: any, year?: any): Promise<Excel.FormattedNumberCellValue | number> {
  return cell(async () => percent(await service().target(region, year)));
}

/**
 * Persons still needed to reach the coverage target (kekurangan peserta).
 * @customfunction GAP
 * @param region Regency code, name or alias.
 * @param [year] Year: coverage at its end (default today).
 * @returns Persons: ceil(target x workforce) - active participants.
 */
export function gap(region: any, year?: any): Promise<number> {
  return cell(() => service().gap(region, year));
}

/**
 * Coverage expected at the end of a year at the observed pace (proyeksi cakupan): a fraction shown as a percentage.
 * @customfunction PROJECTION
 * @param region Regency code, name or alias.
 * @param [year] Year (default this year): the projection is for its 31 December.
 * @returns Projected participants / workforce; #N/A with the reason when there are fewer than two comparable reports.
 */
export function projection(region: any, year?: any): Promise<Excel.FormattedNumberCellValue | number> {
  return cell(async () => percent(await service().projection(region, year)));
}

/**
 * What closing the coverage gap costs the regency budget (biaya menutup selisih), in Rupiah, for the months left after the last report.
 * @customfunction GAPCOST
 * @param region Regency code, name or alias.
 * @param [year] The target year (default this year).
 * @param [contribution] Rupiah per person per month (default and lowest: the minimum for non-wage workers, Rp16.800).
 * @returns Persons still needed x contribution x months left.
 */
export function gapCost(region: any, year?: any, contribution?: any): Promise<number> {
  return cell(() => service().gapCost(region, year, contribution));
}

/**
 * Coverage of several regencies as a table with a header row, spilled.
 * @customfunction TABLE
 * @param regions A province code or name ("16", "Sumatera Selatan") or a range of regencies.
 * @param [fields] Columns: code, name, province, asOf, active, figureStatus, measure, workforce, rate, target, gap, pace, status, ageMonths, stale, inferred, flags, source (text separated by commas, or a range).
 * @param [asOf] Date (default today).
 * @returns One row per regency, after the header.
 */
export function table(regions: any, fields?: any, asOf?: any): Promise<any[][]> {
  return cell(() => service().table(regions, fields, asOf));
}

/**
 * The coverage reports of a regency over time, with a header row, spilled.
 * @customfunction HISTORY
 * @param region Regency code, name or alias.
 * @param [from] First date (default all).
 * @param [to] Last date (default all).
 * @returns asOf, active, rate, status and source of each report, oldest first.
 */
export function history(region: any, from?: any, to?: any): Promise<any[][]> {
  return cell(() => service().history(region, from, to));
}

/**
 * Paritrana Award results of a regency, with a header row, spilled.
 * @customfunction AWARDS
 * @param region Regency code, name or alias.
 * @returns Edition, level, category, rank, title and source of each result.
 */
export function awards(region: any): Promise<any[][]> {
  return cell(() => service().awards(region));
}

/**
 * A live figure of a regency's coverage: the cell updates when a new report is recorded.
 * @customfunction LIVE
 * @param region Regency code, name or alias.
 * @param [metric] rate (default), active, gap, workforce or target.
 * @param invocation Custom function handler
 */
export function live(
  region: any,
  metric: any,
  invocation: CustomFunctions.StreamingInvocation<Excel.FormattedNumberCellValue | number>,
): void {
  let unsubscribe: (() => void) | undefined;
  let cancelled = false;
  invocation.onCanceled = () => {
    cancelled = true;
    unsubscribe?.();
  };
  const fail = (error: unknown) => invocation.setResult(toExcelError(error) as never);
  let chosen: ReturnType<typeof metricArgument>;
  try {
    chosen = metricArgument(metric);
  } catch (error) {
    return fail(error);
  }
  service()
    .directory.regency(region)
    .then((regency) => {
      if (cancelled) return;
      const shown = chosen === "rate" || chosen === "target" ? percent : (value: number) => value;
      unsubscribe = liveHub().subscribe(regency, chosen, (value) => invocation.setResult(shown(value)), fail);
    }, fail);
}

export const FUNCTIONS = {
  REGION: region,
  COVERAGE: coverage,
  PARTICIPANTS: participants,
  WORKFORCE: workforce,
  TARGET: target,
  GAP: gap,
  PROJECTION: projection,
  GAPCOST: gapCost,
  TABLE: table,
  HISTORY: history,
  AWARDS: awards,
  LIVE: live,
};

export function registerFunctions(): void {
  for (const [id, implementation] of Object.entries(FUNCTIONS)) CustomFunctions.associate(id, implementation);
}

if (typeof CustomFunctions !== "undefined") registerFunctions();

export { liveHub };
