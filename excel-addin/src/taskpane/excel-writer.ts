import type { TableValues } from "./table-values";

/**
 * Writes header and rows at the selected cell as an Excel table named `name`, with number formats per
 * column; answers the address written. Formats go first: a value is read as its cell's format says.
 */
export async function insertTable(
  context: Excel.RequestContext,
  table: TableValues,
  name: string,
): Promise<string> {
  const selection = context.workbook.getSelectedRange();
  selection.load("address");
  await context.sync();
  const rowCount = table.values.length + 1;
  const columnCount = table.header.length;
  const range = selection.getCell(0, 0).getResizedRange(rowCount - 1, columnCount - 1);
  range.numberFormat = [table.header.map(() => "@"), ...table.values.map(() => table.numberFormats)];
  range.values = [table.header, ...table.values];
  const sheet = context.workbook.worksheets.getActiveWorksheet();
  const excelTable = sheet.tables.add(range, true);
  excelTable.name = name;
  range.format.autofitColumns();
  range.load("address");
  await context.sync();
  return range.address;
}

/** Replaces the rows of a table it inserted earlier, keeping its place, name and header. */
export async function refreshTable(
  context: Excel.RequestContext,
  name: string,
  table: TableValues,
): Promise<void> {
  const excelTable = context.workbook.tables.getItem(name);
  const body = excelTable.getDataBodyRange();
  body.load("rowCount");
  await context.sync();
  if (body.rowCount > table.values.length) {
    for (let i = body.rowCount - 1; i >= table.values.length; i--) excelTable.rows.getItemAt(i).delete();
  }
  if (body.rowCount < table.values.length) {
    excelTable.rows.add(
      null as never,
      table.values.slice(body.rowCount).map((row) => row.map(() => "")),
    );
  }
  const updated = excelTable.getDataBodyRange();
  updated.numberFormat = table.values.map(() => table.numberFormats);
  updated.values = table.values;
  await context.sync();
}

/** Recalculates every formula, so JSK functions ask the gateway again. */
export async function recalculate(context: Excel.RequestContext): Promise<void> {
  context.workbook.application.calculate("Full");
  await context.sync();
}
