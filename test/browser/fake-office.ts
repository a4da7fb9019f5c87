/**
 * A fake Office host for the browser test: the workbook layer's fake Excel object model (test/support/fake-excel.ts),
 * transpiled for the browser, holding a return workbook that Node prepared with the real office-js executor. Served
 * in place of Microsoft's office.js, so the production task pane runs unchanged against it.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { FakeWorkbook, type CellModel } from "../support/fake-excel";
import { repoRoot } from "../support/builds";

/** The fake workbook's content as JSON: sheets (cells, widths, protection), tables and notes. */
export interface WorkbookState {
  readonly sheets: {
    name: string;
    visibility: string;
    tabColor: string;
    protected: boolean;
    protectionOptions: unknown;
    frozenRows: number;
    cells: [string, CellModel][];
    columnWidths: [number, number][];
  }[];
  readonly tables: {
    name: string;
    sheet: string;
    top: number;
    left: number;
    bottom: number;
    right: number;
    style: string;
  }[];
  readonly notes: { sheet: string; row: number; column: number; content: string }[];
}

export function saveState(wb: FakeWorkbook): WorkbookState {
  return {
    sheets: wb.sheets.map((s) => ({
      name: s.name,
      visibility: s.visibility,
      tabColor: s.tabColor,
      protected: s.protected,
      protectionOptions: s.protectionOptions,
      frozenRows: s.frozenRows,
      cells: [...s.cells.entries()],
      columnWidths: [...s.columnWidths.entries()],
    })),
    tables: wb.tables.map((t) => ({
      name: t.name,
      sheet: t.sheet.name,
      top: t.top,
      left: t.left,
      bottom: t.bottom,
      right: t.right,
      style: t.style,
    })),
    notes: wb.notes.map((n) => ({ sheet: n.sheet.name, row: n.row, column: n.column, content: n.content })),
  };
}

function transpile(file: string): string {
  const source = fs.readFileSync(path.join(repoRoot, file), "utf8");
  return ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 },
    fileName: file,
  }).outputText;
}

export interface OfficeOptions {
  /** Office shows its dark theme (Office.context.officeTheme.isDarkTheme), as the pane reads when it starts. */
  readonly dark?: boolean;
}

/**
 * The script served as office.js: a tiny CommonJS loader for the fake's modules, the workbook restored from
 * `state`, and the parts of Office the pane touches (onReady, theme, requirement sets, the document's URL).
 */
export function fakeOfficeScript(
  state: WorkbookState,
  documentUrl: string,
  options: OfficeOptions = {},
): string {
  const modules = {
    a1: transpile("src/workbook/a1.ts"),
    "excel-api-sets": transpile("test/support/excel-api-sets.ts"),
    "fake-excel": transpile("test/support/fake-excel.ts"),
  };
  const body = Object.entries(modules)
    .map(([name, code]) => `${JSON.stringify(name)}: function (module, exports, require) {\n${code}\n}`)
    .join(",\n");
  return `(function () {
  var sources = {${body}};
  var cache = {};
  function load(name) {
    var key = name.replace(/^.*\\//, "");
    if (cache[key]) return cache[key].exports;
    if (!sources[key]) throw new Error("fake office.js: no module " + name);
    var module = { exports: {} };
    cache[key] = module;
    sources[key](module, module.exports, load);
    return module.exports;
  }
  var fake = load("fake-excel");
  var state = ${JSON.stringify(state)};
  var wb = new fake.FakeWorkbook();
  state.sheets.forEach(function (s) {
    var sheet = new fake.SheetModel(s.name);
    sheet.visibility = s.visibility;
    sheet.tabColor = s.tabColor;
    sheet.protected = s.protected;
    sheet.protectionOptions = s.protectionOptions;
    sheet.frozenRows = s.frozenRows;
    s.cells.forEach(function (c) { sheet.cells.set(c[0], c[1]); });
    s.columnWidths.forEach(function (w) { sheet.columnWidths.set(w[0], w[1]); });
    wb.sheets.push(sheet);
  });
  state.tables.forEach(function (t) {
    var table = new fake.TableModel(t.name, wb.sheet(t.sheet), t.top, t.left, t.bottom, t.right);
    table.style = t.style;
    wb.tables.push(table);
  });
  state.notes.forEach(function (n) {
    wb.notes.push({ sheet: wb.sheet(n.sheet), row: n.row, column: n.column, content: n.content });
  });
  wb.install();
  var info = { host: "Excel", platform: "OfficeOnline" };
  Office.HostType = { Excel: "Excel" };
  Office.AsyncResultStatus = { Succeeded: "succeeded", Failed: "failed" };
  Office.context.document = { url: ${JSON.stringify(documentUrl)} };
  Office.context.officeTheme = { isDarkTheme: ${options.dark === true} };
  Office.context.displayLanguage = "en-GB";
  Office.onReady = function (callback) {
    return new Promise(function (resolve) {
      setTimeout(function () { if (callback) callback(info); resolve(info); }, 0);
    });
  };
  window.__fakeWorkbook = wb;
})();
`;
}
