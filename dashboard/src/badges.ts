import { h } from "./dom";
import type { Strings } from "./i18n";
import type { CoverageFigures, SourceRef } from "./types";

/**
 * What a figure is, shown wherever it is: an estimate, a discrepancy with its source, a rate that cannot be
 * computed, no report at all. The same badges as the add-in's task pane.
 */
export function badge(kind: string, label: string, hint: string): HTMLElement {
  return h("span", { class: `badge badge-${kind}`, title: hint, "data-badge": kind }, label);
}

export function coverageBadges(coverage: CoverageFigures | null, t: Strings): HTMLElement[] {
  if (!coverage) return [badge("missing", t.noReport, t.noReport)];
  const badges: HTMLElement[] = [];
  if (coverage.activeParticipantsStatus === "ESTIMATE")
    badges.push(badge("estimate", t.estimate, t.estimateHint));
  if (coverage.workforce === null) badges.push(badge("no-workforce", t.noWorkforce, t.noWorkforceHint));
  for (const d of coverage.discrepancies) badges.push(badge("discrepancy", t.discrepancy, d.note));
  if (coverage.stale) badges.push(badge("stale", t.stale, t.staleHint(coverage.ageMonths)));
  if (coverage.inferred) badges.push(badge("inferred", t.inferred, coverage.inference ?? t.inferred));
  return badges;
}

export function citation(source: SourceRef): string {
  return [
    source.publisher,
    source.title,
    source.publishedOn ?? source.dateAsPrinted,
    source.cites ? `(${source.cites})` : null,
  ]
    .filter(Boolean)
    .join(", ");
}

/** A figure's sources, on hover (title) and on click (the list opens). */
export function sourcesOf(sources: SourceRef[], t: Strings): HTMLElement {
  const unique = [...new Map(sources.map((s) => [s.id, s])).values()];
  if (!unique.length) return h("span", {}, "");
  return h(
    "details",
    { class: "sources", title: unique.map(citation).join("\n") },
    h("summary", {}, `${t.sources} (${unique.length})`),
    h(
      "ul",
      {},
      unique.map((s) =>
        h(
          "li",
          {},
          s.link ? h("a", { href: s.link, target: "_blank", rel: "noopener" }, citation(s)) : citation(s),
          s.seedFile ? ` [${s.seedFile}]` : "",
          s.notes.length ? h("div", { class: "source-notes" }, s.notes.join(" ")) : null,
        ),
      ),
    ),
  );
}
