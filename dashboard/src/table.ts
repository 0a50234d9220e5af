import { h } from "./dom";
import { formatNumber, formatPercent, type Language } from "./format";
import type { Strings } from "./i18n";

export interface Column<R> {
  key: string;
  label: string;
  /** The raw value (ISO date, fraction, count): kept in data-value for scripts and sorting. */
  value: (row: R) => string | number | null;
  /** What the cell shows; the value as text when absent. */
  render?: (row: R) => Node | string | (Node | string)[];
  numeric?: boolean;
}

/**
 * A column of one figure: sorted and kept by its value, shown as a count or as a percentage of a fraction in
 * the reader's language ("—" where it is unknown).
 */
export function figureColumn<R>(
  key: string,
  label: string,
  figure: (row: R) => number | null | undefined,
  shown: "count" | "percent",
  language: Language,
): Column<R> {
  const format = shown === "count" ? formatNumber : formatPercent;
  return {
    key,
    label,
    numeric: true,
    value: (row) => figure(row) ?? null,
    render: (row) => format(figure(row), language),
  };
}

/**
 * Every chart's figures as an accessible table (caption, column headers, sortable), copyable: "Copy table"
 * puts the shown text on the clipboard as tab-separated lines, which a spreadsheet in the same language
 * pastes as numbers (103.079 and 48,26% in Indonesian, 103,079 and 48.26% in English).
 */
export function dataTable<R>(options: {
  id: string;
  caption: string;
  columns: Column<R>[];
  rows: R[];
  rowKey: (row: R) => string;
  t: Strings;
}): HTMLElement {
  const { id, caption, columns, rowKey, t } = options;
  let rows = [...options.rows];
  let sortedBy: { key: string; descending: boolean } | null = null;
  const tbody = h("tbody");
  const status = h("span", { class: "copy-status", role: "status" });

  const fill = () => {
    tbody.replaceChildren(
      ...rows.map((row) =>
        h(
          "tr",
          { "data-key": rowKey(row) },
          columns.map((column, i) => {
            const value = column.value(row);
            const shown = column.render ? column.render(row) : value === null ? "—" : String(value);
            const attributes = {
              "data-column": column.key,
              "data-value": value === null ? "" : String(value),
              class: column.numeric ? "num" : null,
            };
            return i === 0 ? h("th", { ...attributes, scope: "row" }, shown) : h("td", attributes, shown);
          }),
        ),
      ),
    );
  };
  const headers = columns.map((column) =>
    h(
      "th",
      { scope: "col", "data-column": column.key, class: column.numeric ? "num" : null, "aria-sort": "none" },
      h("button", { type: "button", class: "sort", onclick: () => sortBy(column) }, column.label),
    ),
  );
  const sortBy = (column: Column<R>) => {
    const descending = sortedBy?.key === column.key ? !sortedBy.descending : column.numeric === true;
    sortedBy = { key: column.key, descending };
    rows = [...rows].sort((a, b) => {
      const [x, y] = [column.value(a), column.value(b)];
      if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1; // unknown last, either way
      const order =
        typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
      return descending ? -order : order;
    });
    headers.forEach((header, i) =>
      header.setAttribute(
        "aria-sort",
        columns[i].key === column.key ? (descending ? "descending" : "ascending") : "none",
      ),
    );
    fill();
  };
  fill();

  const table = h(
    "table",
    { id, class: "data" },
    h("caption", {}, caption),
    h("thead", {}, h("tr", {}, headers)),
    tbody,
  );
  const copy = async () => {
    const lines = [...table.querySelectorAll("tr")].map((tr) =>
      [...tr.children].map((cell) => (cell.textContent ?? "").trim()).join("\t"),
    );
    try {
      await navigator.clipboard.writeText(lines.join("\n"));
      status.textContent = t.copied;
    } catch {
      const selection = getSelection();
      const range = document.createRange();
      range.selectNodeContents(table);
      selection?.removeAllRanges();
      selection?.addRange(range);
    }
  };
  return h(
    "div",
    { class: "table-block" },
    h(
      "div",
      { class: "table-tools" },
      h("button", { type: "button", class: "copy", onclick: () => void copy() }, t.copy),
      status,
    ),
    h("div", { class: "table-scroll", tabindex: 0, role: "region", "aria-label": caption }, table),
  );
}
