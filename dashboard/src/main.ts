import "./style.css";
import DOCUMENTS from "./operations/dashboard.graphql";
import { readToken, run, saveToken, tokenRole } from "./api";
import { disposeCharts } from "./charts";
import { h } from "./dom";
import { todayInJakarta } from "@cakupan/core";
import { formatDate } from "./format";
import { stringsFor } from "./i18n";
import { followCoverage } from "./live";
import { linkTo, readState, searchOf, viewOf, type ViewState } from "./state";
import type { ViewContext } from "./views/context";
import { nationalView } from "./views/national";
import { provinceView } from "./views/province";
import { regencyView } from "./views/regency";

/** What tests and curious people can read: when the view was last drawn, and why. */
interface DashboardProbe {
  renders: number;
  renderedAt: number;
  lastEvent: { regencyCode: string; at: number } | null;
}
const probe: DashboardProbe = { renders: 0, renderedAt: 0, lastEvent: null };
(window as unknown as { __dashboard: DashboardProbe }).__dashboard = probe;

const app = document.getElementById("app")!;
let state = readState();
let rendering = 0;

function context(): ViewContext {
  return {
    state,
    questionDate: state.asOf ?? todayInJakarta(),
    language: state.lang,
    t: stringsFor(state.lang),
    link: (change) => linkTo(state, change),
    signedIn: readToken() !== null,
  };
}

function header(c: ViewContext): HTMLElement {
  const { t } = c;
  const crumbs: (Node | string)[] = [h("a", { href: c.link({ place: null }) }, t.national)];
  if (state.place) {
    const province = state.place.slice(0, 2);
    crumbs.push(" › ", h("a", { href: c.link({ place: province }), "data-crumb": province }, province));
    if (state.place.length > 2) crumbs.push(" › ", h("span", {}, state.place));
  }
  const asOf = h("input", { type: "date", id: "as-of", value: state.asOf ?? "", "aria-label": t.asOf });
  asOf.addEventListener("change", () => navigate({ asOf: (asOf as HTMLInputElement).value || null }));
  const language = h(
    "select",
    { id: "language", "aria-label": t.language },
    h("option", { value: "id", selected: state.lang === "id" }, "Bahasa Indonesia"),
    h("option", { value: "en", selected: state.lang === "en" }, "English"),
  );
  language.addEventListener("change", () =>
    navigate({ lang: (language as HTMLSelectElement).value === "en" ? "en" : "id" }),
  );
  const token = readToken();
  const tokenInput = h("input", {
    type: "password",
    id: "token",
    autocomplete: "off",
    value: token ?? "",
    "aria-describedby": "token-hint",
  });
  const tokenPanel = h(
    "details",
    { class: "token" },
    h("summary", { id: "who" }, token ? t.signedInAs(tokenRole(token) ?? "?") : t.publicView),
    h("label", { for: "token" }, t.token),
    tokenInput,
    h("p", { id: "token-hint", class: "muted" }, t.tokenHint),
    h(
      "button",
      {
        type: "button",
        id: "save-token",
        onclick: () => {
          saveToken((tokenInput as HTMLInputElement).value.trim() || null);
          void render();
        },
      },
      t.save,
    ),
    h(
      "button",
      {
        type: "button",
        id: "clear-token",
        onclick: () => {
          saveToken(null);
          void render();
        },
      },
      t.clear,
    ),
  );
  return h(
    "header",
    { class: "top" },
    h(
      "div",
      { class: "brand" },
      h("h1", {}, h("a", { href: c.link({ place: null }) }, t.title)),
      h("p", { class: "muted" }, t.subtitle),
    ),
    h(
      "div",
      { class: "controls" },
      h(
        "label",
        {},
        `${t.asOf} `,
        asOf,
        h(
          "small",
          { class: "muted" },
          state.asOf ? "" : ` (${t.today}: ${formatDate(c.questionDate, c.language)})`,
        ),
      ),
      h("label", {}, `${t.language} `, language),
      h("span", { id: "live", class: "live", title: t.liveOff }, "● ", t.live),
      tokenPanel,
    ),
    h("nav", { class: "crumbs", "aria-label": "breadcrumb" }, crumbs),
  );
}

/**
 * ?place= holding a reference that is not a code ("1606", "Kota Malang"): read by the one region resolver
 * (GraphQL resolveRegion) and replaced by its code; an ambiguous or unknown one is the error the view shows,
 * with the candidates and their codes, never a guess.
 */
async function readReference(): Promise<Error | null> {
  if (!state.reference) return null;
  try {
    const { resolveRegion } = await run<{ resolveRegion: { code: string } }>(
      DOCUMENTS.DashboardResolveRegion,
      {
        ref: state.reference,
      },
    );
    state = { ...state, place: resolveRegion.code, reference: undefined };
    history.replaceState(null, "", searchOf(state));
    return null;
  } catch (error) {
    return error as Error;
  }
}

async function render(): Promise<void> {
  const ticket = ++rendering;
  const unread = await readReference();
  const c = context();
  document.documentElement.lang = c.language;
  document.title = `${c.t.title}${state.place ? ` · ${state.place}` : ""}`;
  let view: HTMLElement;
  try {
    if (unread) throw unread;
    const kind = viewOf(state);
    view =
      kind === "national"
        ? await nationalView(c)
        : kind === "province"
          ? await provinceView(c, state.place!)
          : await regencyView(c, state.place!);
  } catch (error) {
    view = h("p", { class: "error", role: "alert" }, `${c.t.error}: ${(error as Error).message}`);
  }
  if (ticket !== rendering) return; // a later navigation or update won
  disposeCharts(app);
  const scroll = scrollY;
  app.replaceChildren(
    header(c),
    h("main", { id: "content", "aria-live": "polite" }, view),
    h(
      "footer",
      { class: "muted" },
      `${c.t.updated}: ${new Date().toLocaleTimeString(c.language === "id" ? "id-ID" : "en-GB")}`,
    ),
  );
  scrollTo(0, scroll);
  setLive(liveConnected);
  probe.renders += 1;
  probe.renderedAt = Date.now();
  document.body.dataset.ready = "true";
}

function navigate(change: Partial<ViewState>): void {
  state = { ...state, ...change };
  history.pushState(null, "", searchOf(state));
  void render();
}

// Links inside the page change the view without a reload.
document.addEventListener("click", (event) => {
  const link = (event.target as HTMLElement).closest("a");
  if (!link || link.target || event.ctrlKey || event.metaKey || event.shiftKey) return;
  const url = new URL(link.href, location.href);
  if (url.origin !== location.origin || url.pathname !== location.pathname) return;
  event.preventDefault();
  state = readState(url.search);
  history.pushState(null, "", url.search || "./");
  scrollTo(0, 0);
  void render();
});
addEventListener("popstate", () => {
  state = readState();
  void render();
});

let liveConnected = false;
function setLive(connected: boolean): void {
  liveConnected = connected;
  const element = document.getElementById("live");
  if (!element) return;
  const t = stringsFor(state.lang);
  element.classList.toggle("on", connected);
  element.title = connected ? t.liveOn : t.liveOff;
}

/** A recorded report redraws the view that shows its regency, at once, without a reload. */
function concerns(regencyCode: string): boolean {
  if (regencyCode === "*" || !state.place) return true;
  return regencyCode === state.place || regencyCode.startsWith(`${state.place}.`);
}
followCoverage((regencyCode) => {
  probe.lastEvent = { regencyCode, at: Date.now() };
  if (concerns(regencyCode)) void render();
}, setLive);

void render();
