// A stand-in for office.js in a plain browser page: just enough of Office, Excel and the custom-functions
// runtime for the add-in to run, recording what it writes into window.__sheet and window.__functions.
(() => {
  const settings = new Map();
  window.__functions = {};
  window.__sheet = { cells: {}, tables: [], calculated: 0 };

  const letter = (i) => {
    let s = "";
    for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    return s;
  };
  const range = (row, column, rows, columns) => ({
    row,
    column,
    rows,
    columns,
    address: `Sheet1!${letter(column)}${row + 1}:${letter(column + columns - 1)}${row + rows}`,
    format: { autofitColumns() {} },
    load() {},
    getCell(r, c) {
      return range(row + r, column + c, 1, 1);
    },
    getResizedRange(dr, dc) {
      return range(row, column, rows + dr, columns + dc);
    },
    set values(values) {
      values.forEach((line, r) =>
        line.forEach((v, c) => {
          window.__sheet.cells[`${r + row},${c + column}`] = v;
        }),
      );
      this._values = values;
    },
    get values() {
      return this._values;
    },
    numberFormat: null,
  });
  const context = {
    workbook: {
      getSelectedRange: () => range(0, 0, 1, 1),
      worksheets: {
        getActiveWorksheet: () => ({
          tables: {
            add(r, hasHeaders) {
              const t = { range: r, hasHeaders, name: "" };
              window.__sheet.tables.push(t);
              return t;
            },
          },
        }),
      },
      tables: { getItem: (name) => window.__sheet.tables.find((t) => t.name === name) },
      application: {
        calculate() {
          window.__sheet.calculated += 1;
        },
      },
    },
    sync: async () => {},
  };

  window.Office = {
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    context: {
      document: {
        settings: {
          get: (k) => settings.get(k) ?? null,
          set: (k, v) => settings.set(k, v),
          saveAsync: (cb) => cb && cb({ status: "succeeded" }),
        },
      },
    },
    onReady: (callback) => {
      const ready = () => callback({ host: "Excel" });
      if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
      else ready();
      return Promise.resolve({ host: "Excel" });
    },
  };
  window.Excel = { run: async (callback) => callback(context) };
  class CustomFunctionError extends Error {
    constructor(code, message) {
      super(message);
      this.code = code;
    }
  }
  window.CustomFunctions = {
    Error: CustomFunctionError,
    ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
    associate: (id, fn) => {
      window.__functions[id] = fn;
    },
  };
})();
