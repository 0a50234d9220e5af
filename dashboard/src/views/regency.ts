import DOCUMENTS from "../operations/dashboard.graphql";
import { ApiError, run } from "../api";
import { badge, citation, coverageBadges, sourcesOf } from "../badges";
import { historyLine, type ProjectionLine } from "../charts";
import { h } from "../dom";
import { formatDate, formatMonth, formatNumber, formatPercent, NONE } from "../format";
import { dataTable, figureColumn } from "../table";
import type { HistoryReport, Projection, RegencyData, SegmentsData } from "../types";
import type { ViewContext } from "./context";
import { kpi } from "./province";

type Regency = NonNullable<RegencyData["regency"]>;

/** `items` null: the service that holds them is down, which is said, never shown as "none". */
function list<T>(
  title: string,
  items: T[] | null,
  item: (x: T) => (Node | string | null)[],
  t: ViewContext["t"],
  id: string,
  service = "awards",
): HTMLElement {
  return h(
    "section",
    { class: "panel", id },
    h("h3", {}, title),
    items === null
      ? h("p", { class: "missing", "data-unavailable": service }, t.unavailable(service))
      : items.length
        ? h(
            "ul",
            { class: "facts" },
            items.map((x) => h("li", {}, item(x))),
          )
        : h("p", { class: "muted" }, t.none),
  );
}

async function segmentsPanel(context: ViewContext, code: string): Promise<HTMLElement> {
  const { t, language, state } = context;
  if (!context.signedIn)
    return h(
      "section",
      { class: "panel", id: "segments" },
      h("h3", {}, t.segments),
      h("p", { class: "muted" }, t.segmentsSignIn),
    );
  try {
    const data = await run<SegmentsData>(DOCUMENTS.DashboardRegencySegments, { code, asOf: state.asOf });
    const segments = data.regency?.coverage?.segments ?? [];
    return h(
      "section",
      { class: "panel", id: "segments" },
      h("h3", {}, t.segments),
      segments.length
        ? dataTable({
            id: "segments-table",
            caption: t.segments,
            rows: segments,
            rowKey: (s) => s.category,
            t,
            columns: [
              { key: "label", label: t.category, value: (s) => s.label },
              figureColumn(
                "persons",
                t.persons,
                (s: (typeof segments)[number]) => s.persons,
                "count",
                language,
              ),
              figureColumn("share", t.share, (s: (typeof segments)[number]) => s.share, "percent", language),
              {
                key: "status",
                label: t.figureStatus,
                value: (s) => s.status,
                render: (s) =>
                  s.status === "ESTIMATE"
                    ? badge("estimate", t.estimate, s.note ?? t.estimateHint)
                    : s.status,
              },
            ],
          })
        : h("p", { class: "muted" }, t.none),
    );
  } catch (error) {
    return h(
      "section",
      { class: "panel", id: "segments" },
      h("h3", {}, t.segments),
      h("p", { class: "error" }, (error as ApiError).message),
    );
  }
}

/** The projection as the chart draws it: from the last report's rate (over the projection's workforce) to 31 December. */
function projectionLine(projection: Projection | null): ProjectionLine | null {
  const last = projection?.basedOn.at(-1);
  if (!projection || projection.projectedRate === null || !projection.workforce || !last?.activeParticipants)
    return null;
  return {
    fromAsOf: last.asOf,
    fromRate: last.activeParticipants / projection.workforce,
    year: projection.year,
    rate: projection.projectedRate,
    low: projection.projectedRateLow,
    high: projection.projectedRateHigh,
  };
}

/** The projection's figures and method in words beside the chart: what it assumes, and what it leaves out. */
function projectionPanel(projection: Projection | null, context: ViewContext): HTMLElement {
  const { t, language } = context;
  const section = (...children: (Node | string | null)[]) =>
    h("section", { class: "panel", id: "projection" }, ...children);
  if (!projection)
    return section(
      h("h3", {}, t.projection),
      h("p", { class: "missing", "data-unavailable": "participants" }, t.unavailable("participants")),
    );
  const range = (low: number | null, high: number | null, show: (v: number) => string) =>
    low !== null && high !== null ? ` (${show(low)} – ${show(high)})` : "";
  const percent = (v: number | null) => formatPercent(v, language);
  const persons = (v: number | null) => formatNumber(v, language);
  const month = projection.targetReachedMonth
    ? formatMonth(projection.targetReachedMonth, language)
    : projection.target !== null && projection.projectedRate !== null
      ? t.projectionNotWithin(projection.year)
      : NONE;
  return section(
    h("h3", {}, t.projectionTitle(projection.year)),
    h(
      "div",
      {},
      projection.mixesMeasures
        ? badge("indicative", t.projectionIndicative, t.projectionIndicativeHint)
        : null,
      projection.includesEstimates ? badge("estimate", t.estimate, t.estimateHint) : null,
      projection.stale ? badge("stale", t.stale, projection.notes.join(" ")) : null,
    ),
    h(
      "dl",
      { class: "facts" },
      h("dt", {}, t.projectionMethod),
      h("dd", { "data-field": "method" }, t.projectionMethods[projection.method] ?? projection.method),
      h("dt", {}, t.projectionRate),
      h(
        "dd",
        { "data-field": "projectedRate" },
        percent(projection.projectedRate) +
          range(projection.projectedRateLow, projection.projectedRateHigh, (v) => percent(v)),
      ),
      h("dt", {}, t.projectionPersons),
      h(
        "dd",
        { "data-field": "projectedParticipants" },
        persons(projection.projectedParticipants) +
          range(projection.projectedParticipantsLow, projection.projectedParticipantsHigh, (v) => persons(v)),
      ),
      h("dt", {}, t.projectionPace),
      h("dd", {}, persons(projection.monthlyPace === null ? null : Math.round(projection.monthlyPace))),
      h("dt", {}, t.projectionTargetMonth),
      h("dd", { "data-field": "targetReachedMonth" }, month),
    ),
    h("p", { class: "muted", "data-field": "methodDescription" }, projection.methodDescription),
    projection.notes.length
      ? h(
          "ul",
          { class: "notes" },
          projection.notes.map((n) => h("li", {}, n)),
        )
      : null,
  );
}

export async function regencyView(context: ViewContext, code: string): Promise<HTMLElement> {
  const { t, language, state } = context;
  const [data, segments] = await Promise.all([
    run<RegencyData>(DOCUMENTS.DashboardRegency, {
      code,
      asOf: state.asOf,
      year: state.asOf ? Number(state.asOf.slice(0, 4)) : null,
    }),
    segmentsPanel(context, code),
  ]);
  if (!data.regency) return h("p", { class: "error" }, t.notFound);
  const regency: Regency = data.regency;
  const c = regency.coverage;
  const discrepancy = (field: string) => {
    const d = c?.discrepancies.find((x) => x.field === field);
    if (!d) return null;
    const shown = (v: number) => (field === "rate" ? formatPercent(v, language) : formatNumber(v, language));
    return h(
      "div",
      { class: "discrepancy", "data-field": field },
      badge("discrepancy", t.discrepancy, d.note),
      " ",
      t.sourceClaims(shown(d.claimed), shown(d.computed)),
      h(
        "details",
        {},
        h("summary", {}, "…"),
        h("p", {}, d.note),
        h("p", { class: "muted" }, citation(d.source)),
      ),
    );
  };
  const figures = c
    ? h(
        "section",
        { class: "kpis", id: "regency-figures" },
        kpi(
          t.rate,
          formatPercent(c.rate, language),
          `${t.reportAsOf} ${formatDate(c.asOf, language)}`,
          "kpi-rate",
          discrepancy("rate"),
        ),
        kpi(
          t.active,
          formatNumber(c.activeParticipants, language),
          "",
          "kpi-active",
          h(
            "div",
            {},
            coverageBadges(c, t).filter((b) => b.dataset.badge !== "discrepancy"),
            sourcesOf(c.sources.slice(0, 1), t),
          ),
        ),
        kpi(
          t.workforce,
          formatNumber(c.workforce, language),
          c.workforceYear ? String(c.workforceYear) : "",
          "kpi-workforce",
        ),
        kpi(
          t.target,
          formatPercent(c.target, language),
          [c.targetScheme, c.targetYear].filter(Boolean).join(" "),
          "kpi-target",
        ),
        kpi(t.gap, formatNumber(c.gap, language), "", "kpi-gap", discrepancy("gap")),
        kpi(
          t.pace,
          formatNumber(c.requiredMonthlyPace, language),
          `${t.observedPace}: ${formatNumber(c.observedMonthlyPace, language)}`,
          "kpi-pace",
        ),
        kpi(t.status, c.status ? (t.statusNames[c.status] ?? c.status) : t.noTargetStatus, "", "kpi-status"),
      )
    : regency.coverageHistory === null
      ? h("p", { class: "missing", "data-unavailable": "participants" }, t.unavailable("participants"))
      : h("p", { class: "missing" }, badge("missing", t.noReport, t.noReport));

  const history = regency.coverageHistory ?? [];
  const historyTable = dataTable<HistoryReport>({
    id: "history-table",
    caption: `${t.history}: ${regency.name}`,
    rows: history,
    rowKey: (r) => `${r.asOf}|${r.source.id}`,
    t,
    columns: [
      { key: "asOf", label: t.reportAsOf, value: (r) => r.asOf, render: (r) => formatDate(r.asOf, language) },
      { key: "precision", label: t.precision, value: (r) => r.asOfPrecision },
      {
        key: "active",
        label: t.active,
        numeric: true,
        value: (r) => r.activeParticipants,
        render: (r) =>
          r.activeParticipants === null
            ? badge("partial", t.partial, t.partialHint)
            : formatNumber(r.activeParticipants, language),
      },
      figureColumn("rate", t.rate, (r) => r.rate, "percent", language),
      figureColumn("claimedRate", t.claimedRate, (r) => r.claimedRate, "percent", language),
      {
        key: "status",
        label: t.figureStatus,
        value: (r) => r.status,
        render: (r) => (r.status === "ESTIMATE" ? badge("estimate", t.estimate, t.estimateHint) : r.status),
      },
      {
        key: "source",
        label: t.sources,
        value: (r) => r.source.publisher,
        render: (r) => sourcesOf([r.source], t),
      },
    ],
  });
  const target =
    c?.target !== null && c?.target !== undefined && c.targetYear
      ? { rate: c.target, year: c.targetYear }
      : null;

  return h(
    "section",
    { class: "view regency", "data-view": "regency" },
    h("h2", {}, regency.name, h("small", {}, ` ${regency.code}`)),
    h(
      "p",
      { class: "muted" },
      [regency.province.name, regency.aliases.length ? `(${regency.aliases.join(", ")})` : ""].join(" "),
    ),
    figures,
    c?.notes.length
      ? h(
          "ul",
          { class: "notes" },
          c.notes.map((n) => h("li", {}, n)),
        )
      : null,
    historyLine(
      "history-chart",
      `${t.historyChart}, ${regency.shortName}`,
      history,
      target,
      language,
      t,
      projectionLine(regency.coverageProjection),
    ),
    projectionPanel(regency.coverageProjection, context),
    historyTable,
    segments,
    list(
      t.awards,
      regency.awards,
      (a) => [
        h("strong", {}, a.title),
        ` — ${a.category.name}, ${a.edition.name} (${a.edition.level})`,
        a.note ? h("div", { class: "muted" }, a.note) : null,
        sourcesOf([a.source], t),
      ],
      t,
      "awards",
    ),
    list(
      t.stages,
      regency.nominations?.filter((n) => n.stages.length || n.result) ?? null,
      (n) => [
        h("strong", {}, n.edition.name),
        ` — ${n.category.name}`,
        n.result ? ` — ${n.result.title}` : "",
        h(
          "ul",
          {},
          n.stages.map((s) =>
            h(
              "li",
              {},
              `${t.stageKindNames[s.kind] ?? s.kind} — ${t.stageStatusNames[s.status] ?? s.status}`,
              s.scheduledAt ? ` ${formatDate(s.scheduledAt, language)}` : "",
              s.completedAt ? ` ✓ ${formatDate(s.completedAt, language)}` : "",
              s.note ? h("div", { class: "muted" }, s.note) : null,
              sourcesOf([s.source], t),
            ),
          ),
        ),
      ],
      t,
      "nominations",
    ),
    list(
      t.officials,
      regency.officials,
      (o) => [
        h("strong", {}, o.name),
        ` — ${o.title}`,
        h(
          "span",
          { class: "muted" },
          ` (${o.reportedOn ? `${t.reportedOn} ${formatDate(o.reportedOn, language)}` : NONE})`,
        ),
        o.note ? h("div", { class: "muted" }, o.note) : null,
        sourcesOf([o.source], t),
      ],
      t,
      "officials",
    ),
    list(
      t.branchOffices,
      regency.branchOffices,
      (b) => [b.name, sourcesOf([b.source], t)],
      t,
      "branch-offices",
    ),
    list(
      t.agreements,
      regency.agreements,
      (a) => [
        h("strong", {}, `${a.kind}: ${a.title}`),
        ` — ${a.parties.join(", ")}`,
        h("div", {}, a.purpose),
        a.followUp ? h("div", { class: "muted" }, a.followUp) : null,
        sourcesOf([a.source], t),
      ],
      t,
      "agreements",
    ),
  );
}
