import { foldRegionText } from "@cakupan/core";
import { regencyLabel } from "../functions/directory";
import { DEFAULT_TABLE_FIELDS, type Jsk, TABLE_FIELDS, type TableRow } from "../functions/jsk";
import { FIELD_LABELS, type Language, STRINGS } from "../shared/i18n";
import { readSettings, saveSettings } from "../shared/settings";
import { insertTable, recalculate, refreshTable } from "./excel-writer";
import { type CoverageImportResult, RangeImport, selectedValues } from "./range-import";
import { caveatsOf, sourcesOf, tableValues } from "./table-values";

/** What Refresh needs to rebuild a table it inserted: kept in the workbook, so it survives closing it. */
export interface TableDefinition {
  name: string;
  provinceCode: string | null;
  regencyCodes: string[];
  fields: string[];
  asOf: string | null;
  language: Language;
}

const TABLES_SETTING = "jsk.tables";

function storedTables(): TableDefinition[] {
  return (Office.context.document.settings.get(TABLES_SETTING) as TableDefinition[] | null) ?? [];
}

async function storeTables(tables: TableDefinition[]): Promise<void> {
  const settings = Office.context.document.settings;
  settings.set(TABLES_SETTING, tables);
  await new Promise<void>((resolve) => settings.saveAsync(() => resolve()));
}

async function rowsFor(
  jsk: Jsk,
  definition: Pick<TableDefinition, "provinceCode" | "regencyCodes" | "asOf">,
): Promise<TableRow[]> {
  const regions = definition.regencyCodes.length ? [definition.regencyCodes] : definition.provinceCode;
  return jsk.tableRows(regions, definition.asOf);
}

/** Wires the task pane: settings, region and column pickers, Insert table, Refresh. */
export async function initTaskpane(jsk: Jsk, doc: Document = document): Promise<void> {
  const $ = <T extends HTMLElement>(id: string) => doc.getElementById(id) as T;
  let settings = readSettings();
  const text = () => STRINGS[settings.language];

  const status = (message: string, isError = false) => {
    $("status").textContent = message;
    $("status").className = isError ? "error" : "";
  };
  const applyLanguage = () => {
    doc.documentElement.lang = settings.language;
    doc.querySelectorAll<HTMLElement>("[data-text]").forEach((element) => {
      const value = text()[element.dataset.text as keyof ReturnType<typeof text>];
      if (typeof value === "string") element.textContent = value;
    });
    doc.querySelectorAll<HTMLInputElement>("[data-placeholder]").forEach((element) => {
      element.placeholder = text()[element.dataset.placeholder as "search"];
    });
    doc.querySelectorAll<HTMLElement>("#fields label span").forEach((span) => {
      span.textContent = FIELD_LABELS[settings.language][span.dataset.field!] ?? span.dataset.field!;
    });
    const last = localStorage.getItem("jsk.lastRefreshed");
    $("last-refreshed").textContent = last
      ? new Date(last).toLocaleString(settings.language === "id" ? "id-ID" : "en-GB")
      : text().never;
  };

  $<HTMLInputElement>("gateway-url").value = settings.gatewayUrl;
  $<HTMLInputElement>("token").value = settings.token ?? "";
  $<HTMLSelectElement>("language").value = settings.language;
  for (const field of Object.keys(TABLE_FIELDS)) {
    const label = doc.createElement("label");
    label.innerHTML = `<input type="checkbox" value="${field}" ${DEFAULT_TABLE_FIELDS.includes(field) ? "checked" : ""}/> <span data-field="${field}"></span>`;
    $("fields").appendChild(label);
  }
  applyLanguage();

  $("language").addEventListener("change", async () => {
    settings = { ...settings, language: $<HTMLSelectElement>("language").value as Language };
    await saveSettings(settings);
    applyLanguage();
  });
  $("save").addEventListener("click", async () => {
    settings = {
      ...settings,
      gatewayUrl: $<HTMLInputElement>("gateway-url").value.trim(),
      token: $<HTMLInputElement>("token").value.trim() || null,
    };
    await saveSettings(settings);
    status(text().saved);
    await loadRegions();
  });

  const fillRegencies = () => {
    const province = $<HTMLSelectElement>("province").value;
    const search = foldRegionText($<HTMLInputElement>("search").value);
    const options = jsk.directory
      .regenciesOf(province)
      .filter(
        (r) =>
          !search ||
          [r.name, r.shortName, r.code, r.code.replace(".", ""), ...r.aliases].some((key) =>
            foldRegionText(key).includes(search),
          ),
      );
    $("regencies").innerHTML = options
      .map((r) => `<option value="${r.code}">${regencyLabel(r)}</option>`)
      .join("");
  };
  const loadRegions = async () => {
    try {
      await jsk.directory.load();
      $("province").innerHTML = jsk.directory.provinces
        .map((p) => `<option value="${p.code}">${p.code} ${p.name}</option>`)
        .join("");
      $<HTMLSelectElement>("province").value = jsk.directory.provinces.some((p) => p.code === "16")
        ? "16"
        : jsk.directory.provinces[0]?.code;
      fillRegencies();
    } catch (error) {
      status((error as Error).message, true);
    }
  };
  $("province").addEventListener("change", fillRegencies);
  $("search").addEventListener("input", fillRegencies);

  const showSources = (rows: TableRow[]) => {
    $("sources").innerHTML = "";
    $("caveats").innerHTML = "";
    for (const source of sourcesOf(rows)) {
      const item = doc.createElement("li");
      item.textContent = source;
      $("sources").appendChild(item);
    }
    for (const caveat of caveatsOf(rows, text())) {
      const item = doc.createElement("li");
      item.textContent = caveat;
      $("caveats").appendChild(item);
    }
  };
  const markRefreshed = () => {
    localStorage.setItem("jsk.lastRefreshed", new Date().toISOString());
    applyLanguage();
  };

  $("insert").addEventListener("click", async () => {
    const definition: TableDefinition = {
      name: `JSK_${Date.now().toString(36)}`,
      provinceCode: $<HTMLSelectElement>("province").value || null,
      regencyCodes: [...$<HTMLSelectElement>("regencies").selectedOptions].map((option) => option.value),
      fields: [...doc.querySelectorAll<HTMLInputElement>("#fields input:checked")].map(
        (input) => input.value,
      ),
      asOf: $<HTMLInputElement>("as-of").value || null,
      language: settings.language,
    };
    if (!definition.provinceCode && !definition.regencyCodes.length) return status(text().choose, true);
    try {
      const rows = await rowsFor(jsk, definition);
      const values = tableValues(
        rows,
        definition.fields.length ? definition.fields : DEFAULT_TABLE_FIELDS,
        settings.language,
      );
      await Excel.run((context) => insertTable(context, values, definition.name));
      await storeTables([...storedTables(), definition]);
      showSources(rows);
      markRefreshed();
      status(text().inserted(rows.length));
    } catch (error) {
      status((error as Error).message, true);
    }
  });

  $("refresh").addEventListener("click", async () => {
    try {
      const tables = storedTables();
      const allRows: TableRow[] = [];
      for (const definition of tables) {
        const rows = await rowsFor(jsk, definition);
        allRows.push(...rows);
        await Excel.run((context) =>
          refreshTable(context, definition.name, tableValues(rows, definition.fields, definition.language)),
        );
      }
      await Excel.run(recalculate);
      showSources(allRows);
      markRefreshed();
      status(text().refreshed(tables.length));
    } catch (error) {
      status((error as Error).message, true);
    }
  });

  wireRangeImport(new RangeImport(jsk.gateway), doc, text);
  await loadRegions();
}

/** Import monthly figures from the selected range: a dry run, its problems listed, then confirm. */
function wireRangeImport(importer: RangeImport, doc: Document, text: () => (typeof STRINGS)[Language]): void {
  const $ = <T extends HTMLElement>(id: string) => doc.getElementById(id) as T;
  const confirmButton = $<HTMLButtonElement>("import-confirm");
  const report = (message: string, problems: CoverageImportResult["problems"] = [], isError = false) => {
    $("import-status").textContent = message;
    $("import-status").className = isError ? "error" : "";
    $("import-problems").innerHTML = "";
    for (const p of problems) {
      const item = doc.createElement("li");
      item.textContent = text().problemLine(p.line, p.column, p.message);
      $("import-problems").appendChild(item);
    }
    confirmButton.disabled = !importer.canConfirm;
  };
  $("import-check").addEventListener("click", async () => {
    const source = {
      publisher: $<HTMLInputElement>("import-publisher").value.trim(),
      title: $<HTMLInputElement>("import-title").value.trim(),
    };
    if (!source.publisher || !source.title) return report(text().needSource, [], true);
    try {
      const values = await Excel.run(selectedValues);
      const result = await importer.check(values, source);
      if (result.problemCount) report(text().checkedProblems(result.problemCount), result.problems, true);
      else report(text().checkedOk(result.rows, result.reports));
    } catch (error) {
      report((error as Error).message, [], true);
    }
  });
  confirmButton.addEventListener("click", async () => {
    try {
      const result = await importer.confirm();
      if (result.problemCount) report(text().checkedProblems(result.problemCount), result.problems, true);
      else report(text().importedResult(result.inserted, result.updated, result.unchanged));
    } catch (error) {
      report((error as Error).message, [], true);
    }
  });
}
