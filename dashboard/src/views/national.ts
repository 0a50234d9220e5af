import DOCUMENTS from "../operations/dashboard.graphql";
import { run } from "../api";
import { barsAgainstTarget } from "../charts";
import { h } from "../dom";
import { formatNumber, formatPercent, NONE } from "../format";
import { dataTable, figureColumn } from "../table";
import type { NationalData } from "../types";
import type { ViewContext } from "./context";

type ProvinceRow = NationalData["provinces"][number];

/** The targets the reporting regencies are measured against (one, or a range when they differ). */
function targetsOf(row: ProvinceRow): number[] {
  return [
    ...new Set((row.coverage?.regencies ?? []).map((r) => r.target).filter((t): t is number => t !== null)),
  ].sort();
}

export async function nationalView(context: ViewContext): Promise<HTMLElement> {
  const { t, language, state } = context;
  const data = await run<NationalData>(DOCUMENTS.DashboardNational, { asOf: state.asOf });
  const rows = data.provinces;
  const targetText = (row: ProvinceRow) => {
    const targets = targetsOf(row);
    return targets.length === 0 ? NONE : targets.map((x) => formatPercent(x, language)).join(" – ");
  };

  const table = dataTable<ProvinceRow>({
    id: "national-table",
    caption: `${t.national}: ${t.reporting}, ${t.rate}, ${t.target}`,
    rows,
    rowKey: (row) => row.code,
    t,
    columns: [
      { key: "code", label: t.code, value: (r) => r.code },
      {
        key: "name",
        label: t.province,
        value: (r) => r.name,
        render: (r) => h("a", { href: context.link({ place: r.code }) }, r.name),
      },
      {
        key: "reporting",
        label: t.reporting,
        numeric: true,
        value: (r) => r.coverage?.reportingCount ?? null,
        render: (r) =>
          `${formatNumber(r.coverage?.reportingCount, language)} / ${formatNumber(r.coverage?.regencyCount, language)}`,
      },
      figureColumn("completeness", t.completeness, (r) => r.coverage?.completeness, "percent", language),
      figureColumn("active", t.active, (r) => r.coverage?.activeParticipants, "count", language),
      figureColumn("workforce", t.workforce, (r) => r.coverage?.workforce, "count", language),
      {
        key: "rate",
        label: t.rate,
        numeric: true,
        value: (r) => r.coverage?.rate ?? null,
        render: (r) =>
          r.coverage?.rate === null || !r.coverage
            ? NONE
            : [
                formatPercent(r.coverage.rate, language),
                h("small", {}, ` (${formatNumber(r.coverage.rateRegencyCount, language)})`),
              ],
      },
      {
        key: "target",
        label: t.target,
        numeric: true,
        value: (r) => targetsOf(r)[0] ?? null,
        render: targetText,
      },
    ],
  });

  const filter = h("input", {
    type: "search",
    id: "province-filter",
    placeholder: t.filter,
    "aria-label": t.filter,
  });
  filter.addEventListener("input", () => {
    const needle = filter.value.trim().toLowerCase();
    table.querySelectorAll<HTMLTableRowElement>("tbody tr").forEach((tr) => {
      tr.hidden = needle !== "" && !(tr.textContent ?? "").toLowerCase().includes(needle);
    });
  });

  const charted = rows.filter((r) => r.coverage?.rate !== null && r.coverage?.rate !== undefined);
  return h(
    "section",
    { class: "view national", "data-view": "national" },
    h("h2", {}, t.national),
    charted.length
      ? barsAgainstTarget(
          "national-chart",
          t.nationalChart,
          charted.map((r) => ({
            code: r.code,
            label: r.name,
            rate: r.coverage!.rate,
            target: targetsOf(r)[0] ?? null,
          })),
          language,
          t,
        )
      : null,
    h("div", { class: "filter" }, filter),
    table,
  );
}
