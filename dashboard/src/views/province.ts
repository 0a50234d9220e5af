import DOCUMENTS from "../operations/dashboard.graphql";
import { run } from "../api";
import { coverageBadges, sourcesOf } from "../badges";
import { barsAgainstTarget } from "../charts";
import { h } from "../dom";
import { formatDate, formatNumber, formatPercent, NONE } from "../format";
import { dataTable, figureColumn } from "../table";
import type { ProvinceData, RegencyCoverageRow } from "../types";
import type { ViewContext } from "./context";

export async function provinceView(context: ViewContext, code: string): Promise<HTMLElement> {
  const { t, language, state, questionDate } = context;
  const data = await run<ProvinceData>(DOCUMENTS.DashboardProvince, { code, asOf: state.asOf });
  if (!data.province) return h("p", { class: "error" }, t.notFound);
  const { province, regencies } = data;
  const rollup = province.coverage;
  const status = (r: RegencyCoverageRow) => {
    const s = r.coverage?.status;
    return s
      ? h("span", { class: `status status-${s}` }, t.statusNames[s] ?? s)
      : r.coverage
        ? h("span", { class: "muted" }, t.noTargetStatus)
        : NONE;
  };

  const table = dataTable<RegencyCoverageRow>({
    id: "province-table",
    caption: `${province.name}: ${t.rateChart} (${formatDate(questionDate, language)})`,
    rows: regencies,
    rowKey: (r) => r.code,
    t,
    columns: [
      { key: "code", label: t.code, value: (r) => r.code },
      {
        key: "name",
        label: t.regency,
        value: (r) => r.name,
        render: (r) => h("a", { href: context.link({ place: r.code }) }, r.shortName),
      },
      {
        key: "flags",
        label: t.flags,
        value: (r) =>
          coverageBadges(r.coverage, t)
            .map((b) => b.dataset.badge)
            .join(" ") || null,
        render: (r) => coverageBadges(r.coverage, t),
      },
      figureColumn("active", t.active, (r) => r.coverage?.activeParticipants, "count", language),
      figureColumn("workforce", t.workforce, (r) => r.coverage?.workforce, "count", language),
      figureColumn("rate", t.rate, (r) => r.coverage?.rate, "percent", language),
      figureColumn("target", t.target, (r) => r.coverage?.target, "percent", language),
      figureColumn("gap", t.gap, (r) => r.coverage?.gap, "count", language),
      figureColumn("pace", t.pace, (r) => r.coverage?.requiredMonthlyPace, "count", language),
      { key: "status", label: t.status, value: (r) => r.coverage?.status ?? null, render: status },
      {
        key: "asOf",
        label: t.reportAsOf,
        value: (r) => r.coverage?.asOf ?? null,
        render: (r) => formatDate(r.coverage?.asOf, language),
      },
      {
        key: "age",
        label: t.age,
        numeric: true,
        value: (r) => r.coverage?.ageMonths ?? null,
        render: (r) => (r.coverage ? formatNumber(r.coverage.ageMonths, language) : NONE),
      },
      {
        key: "sources",
        label: t.sources,
        value: (r) => r.coverage?.sources.map((s) => s.publisher).join("; ") || null,
        render: (r) => (r.coverage ? sourcesOf(r.coverage.sources, t) : ""),
      },
    ],
  });

  // A stale report (older than 12 months) is shown in the table but never summed in the rollup.
  const stale = regencies.filter((r) => r.coverage?.stale);
  const reporting = regencies.filter((r) => r.coverage && !r.coverage.stale);
  const leftOut = reporting.filter((r) => r.coverage!.rate === null);
  const missing = regencies.filter((r) => !r.coverage);
  const names = (rows: RegencyCoverageRow[]) =>
    rows.length
      ? rows.flatMap((r, i) => [
          i ? ", " : "",
          h("a", { href: context.link({ place: r.code }) }, r.shortName),
        ])
      : [t.none];

  return h(
    "section",
    { class: "view province", "data-view": "province" },
    h("h2", {}, province.name, h("small", {}, ` ${province.code}`)),
    rollup
      ? h(
          "section",
          { class: "rollup", "aria-labelledby": "rollup-title" },
          h("h3", { id: "rollup-title" }, t.rollup),
          h(
            "div",
            { class: "kpis" },
            kpi(
              t.rate,
              formatPercent(rollup.rate, language),
              t.rateOver(rollup.rateRegencyCount),
              "rollup-rate",
            ),
            kpi(
              t.active,
              formatNumber(rollup.activeParticipants, language),
              t.rollupText(rollup.reportingCount, rollup.regencyCount),
              "rollup-active",
            ),
            kpi(t.workforce, formatNumber(rollup.workforce, language), "", "rollup-workforce"),
            kpi(
              t.completeness,
              formatPercent(rollup.completeness, language),
              t.rollupText(rollup.reportingCount, rollup.regencyCount),
              "rollup-completeness",
            ),
          ),
          h("p", { class: "left-out" }, h("strong", {}, `${t.leftOutOfRate}: `), names(leftOut)),
          h("p", { class: "stale" }, h("strong", {}, `${t.staleNotSummed}: `), names(stale)),
          h("p", { class: "missing" }, h("strong", {}, `${t.missing}: `), names(missing)),
          sourcesOf(rollup.sources, t),
        )
      : null,
    barsAgainstTarget(
      "province-chart",
      `${t.rateChart}, ${province.name}`,
      regencies.map((r) => ({
        code: r.code,
        label: r.shortName,
        rate: r.coverage?.rate ?? null,
        target: r.coverage?.target ?? null,
      })),
      language,
      t,
    ),
    table,
  );
}

export function kpi(
  label: string,
  value: string,
  note: string,
  id: string,
  extra?: Node | null,
): HTMLElement {
  return h(
    "div",
    { class: "kpi", id },
    h("div", { class: "kpi-label" }, label),
    h("div", { class: "kpi-value" }, value),
    note ? h("div", { class: "kpi-note" }, note) : null,
    extra ?? null,
  );
}
