/** Reading a snapshot: the structural findings for what providers do to their workbooks, and cellOf's addresses. */
import { builtInTemplates } from "../../src/templates";
import { validateReturn } from "../../src/core/validate";
import type { Finding, KpiTemplate } from "../../src/core/types";
import {
  cellOf,
  readReturn,
  tableOf,
  workbookRuleCatalogue,
  type WorkbookSnapshot,
} from "../../src/workbook";
import {
  addColumn,
  addRow,
  blankReturn,
  dropColumn,
  dropRow,
  editTable,
  filledReturn,
  renameHeader,
  seed,
  setCell,
} from "../support/excel-returns";

let idva: WorkbookSnapshot;
let csp: WorkbookSnapshot;
beforeAll(async () => {
  idva = (await filledReturn(seed("idva"))).snapshot();
  csp = (await blankReturn(seed("csp-budget", "Shropshire CSP"))).snapshot();
});

const rules = (s: WorkbookSnapshot, templates: readonly KpiTemplate[] = builtInTemplates): string[] =>
  readReturn(s, templates).findings.map((f) => f.ruleId);

test("an untouched return has no structural findings", () => {
  expect(rules(idva)).toEqual([]);
  expect(rules(csp)).toEqual([]);
});

/** What the officer sees: the workbook layer's structural findings, then core's (as the CLI and the pane join them). */
function seen(s: WorkbookSnapshot): Finding[] {
  const { ret, template, findings } = readReturn(s, builtInTemplates);
  return [...findings, ...(ret && template ? validateReturn(ret, template).findings : [])];
}

test("a missing table is an error, and the other table is still read", () => {
  const s = editTable(csp, "BudgetReturn", () => null);
  const { ret } = readReturn(s, builtInTemplates);
  expect(ret?.missingTables).toEqual(["BudgetReturn"]);
  expect(ret?.budget).toEqual([]);
  expect(ret?.kpis.map((k) => k.kpiId)).toEqual(["projects-funded"]);
  const missing = seen(s).filter((f) => f.ruleId === "TABLE-MISSING");
  expect(missing).toEqual([
    expect.objectContaining({ severity: "error", location: { table: "BudgetReturn" } }),
  ]);
  expect(cellOf(s, missing[0].location)).toEqual({ sheet: "Budget", cell: "A5" });
  expect(seen(s).filter((f) => f.ruleId === "MISSING-LINE")).toEqual([]);
});

test("a deleted KpiReturn table is reported once, where its header was, and never row by row", () => {
  const s = editTable(idva, "KpiReturn", () => null);
  const all = seen(s);
  expect(all.filter((f) => f.ruleId === "TABLE-MISSING")).toHaveLength(1);
  expect(all.filter((f) => f.ruleId === "MISSING-KPI")).toEqual([]);
  expect(all.filter((f) => f.kpiId !== undefined)).toEqual([]);
  const table = all.find((f) => f.ruleId === "TABLE-MISSING")!;
  expect(cellOf(s, table.location)).toEqual({ sheet: "KPIs", cell: "A5" });
  // The budget table is still read and checked as usual; only the KPIs are in doubt.
  expect(readReturn(s, builtInTemplates).ret?.budget.length).toBe(
    tableOf(idva, "BudgetReturn")?.values.length,
  );
});

test("a table not read at all (no other table, or no template) is not marked missing", () => {
  expect(readReturn(idva, builtInTemplates).ret).not.toHaveProperty("missingTables");
  expect(readReturn(csp, builtInTemplates).ret).not.toHaveProperty("missingTables");
});

test("with no known template a missing table is not reported by the reader: TEMPLATE-UNKNOWN stands alone", () => {
  const s = editTable(
    { ...idva, metadata: { ...idva.metadata, templateId: "nonesuch" } },
    "KpiReturn",
    () => null,
  );
  const deleted = editTable(s, "BudgetReturn", () => null);
  const { findings, template, ret } = readReturn(deleted, builtInTemplates);
  expect(template).toBeNull();
  // TABLE-MISSING has one home, core's rule; the reader only records what it could not find.
  expect(findings.map((f) => f.ruleId)).toEqual(["TEMPLATE-UNKNOWN"]);
  expect(ret?.missingTables).toEqual(["KpiReturn"]);
});

test("a missing table whose sheet is gone too has no cell to point at", () => {
  const s = editTable(idva, "KpiReturn", () => null);
  const noSheet = { ...s, sheets: s.sheets.filter((name) => name !== "KPIs") };
  const table = seen(noSheet).find((f) => f.ruleId === "TABLE-MISSING")!;
  expect(table).toBeDefined();
  expect(cellOf(noSheet, table.location)).toBeNull();
});

test("a renamed column is reported with both names, at the renamed header", () => {
  const s = editTable(idva, "KpiReturn", (t) => renameHeader(t, "Actual", "Actual Q2"));
  const { findings, ret } = readReturn(s, builtInTemplates);
  expect(findings).toHaveLength(1);
  expect(findings[0]).toMatchObject({
    ruleId: "COLUMN-RENAMED",
    location: { table: "KpiReturn", column: "Actual Q2" },
  });
  expect(findings[0].message).toContain('"Actual"');
  expect(findings[0].message).toContain('"Actual Q2"');
  expect(cellOf(s, findings[0].location)).toEqual({ sheet: "KPIs", cell: "G5" });
  // Nothing is lost: the renamed column is still read as Actual, so the figures are the untouched return's.
  const original = readReturn(idva, builtInTemplates).ret;
  expect(ret?.kpis.map((k) => k.actual)).toEqual(original?.kpis.map((k) => k.actual));
  expect(ret?.kpis.some((k) => k.actual.kind === "number")).toBe(true);
});

test("a finding in a renamed column points at the renamed column's cell, not column A", () => {
  const renamed = editTable(idva, "KpiReturn", (t) =>
    setCell(renameHeader(t, "Actual", "Actual Q2"), 0, "Actual Q2", "about 4000"),
  );
  const { ret, template } = readReturn(renamed, builtInTemplates);
  const v = validateReturn(ret!, template!);
  const type = v.findings.find((f) => f.ruleId === "TYPE");
  expect(type?.location).toMatchObject({ table: "KpiReturn", row: 0, column: "Actual" });
  expect(cellOf(renamed, type!.location)).toEqual({ sheet: "KPIs", cell: "G6" });
  expect(v.findings.filter((f) => f.ruleId === "REQUIRED")).toEqual([]);
});

test("a missing column and an extra column are told apart", () => {
  const missing = editTable(idva, "KpiReturn", (t) => dropColumn(t, "Commentary"));
  expect(rules(missing)).toEqual(["COLUMN-MISSING"]);
  const extra = editTable(idva, "KpiReturn", (t) => addColumn(t, "My notes"));
  const found = readReturn(extra, builtInTemplates).findings;
  expect(found).toEqual([
    expect.objectContaining({
      ruleId: "COLUMN-EXTRA",
      severity: "query",
      location: { table: "KpiReturn", column: "My notes" },
    }),
  ]);
  expect(cellOf(extra, found[0].location)).toEqual({ sheet: "KPIs", cell: "N5" });
});

test("a deleted row is reported once, by core's MISSING-KPI, at the KPI ID column", () => {
  const s = editTable(idva, "KpiReturn", (t) => dropRow(t, 2));
  const { findings, ret, template } = readReturn(s, builtInTemplates);
  expect(findings).toEqual([]);
  expect(ret?.kpis.map((k) => k.kpiId)).not.toContain("contacted-72h");
  if (!ret || !template) throw new Error("not read");
  const missing = validateReturn(ret, template).findings.filter((f) => f.kpiId === "contacted-72h");
  expect(missing.map((f) => f.ruleId)).toContain("MISSING-KPI");
  expect(
    cellOf(s, missing.find((f) => f.ruleId === "MISSING-KPI")?.location ?? { table: "Metadata" }),
  ).toEqual({
    sheet: "KPIs",
    cell: "A5",
  });
});

test("added rows: an unknown id, no id, a duplicate and a blank row", () => {
  const s = editTable(idva, "KpiReturn", (t) => {
    let u = addRow(t, { "KPI ID": "made-up", Actual: 5 });
    u = addRow(u, { KPI: "a row with no id", Actual: 3 });
    u = addRow(u, { "KPI ID": "referrals", Actual: 1 });
    return addRow(u, {});
  });
  const { findings, ret } = readReturn(s, builtInTemplates);
  const n = idva.tables[0].values.length;
  expect(findings.map((f) => [f.ruleId, f.location.row])).toEqual(
    expect.arrayContaining([
      ["ROW-ADDED", n],
      ["ROW-ADDED", n + 1],
      ["ROW-DUPLICATE", n + 2],
      ["ROW-BLANK", n + 3],
    ]),
  );
  // Added and duplicated rows have no formulas in their computed cells: each is reported once, as added or
  // duplicated, never as five "holds nothing instead of its formula" as well.
  expect(findings.filter((f) => f.ruleId === "FORMULA-OVERWRITTEN")).toEqual([]);
  expect(ret?.kpis.map((k) => k.kpiId)).toEqual(tableOf(idva, "KpiReturn")?.values.map((r) => r[0]));
});

test("a computed cell typed over is tampering, at that cell", () => {
  const s = editTable(csp, "BudgetReturn", (t) => setCell(t, 0, "Utilisation", 0.5));
  const { findings } = readReturn(s, builtInTemplates);
  expect(findings).toEqual([
    expect.objectContaining({
      ruleId: "FORMULA-OVERWRITTEN",
      lineId: "csp-grant",
      location: { table: "BudgetReturn", row: 0, column: "Utilisation" },
    }),
  ]);
  expect(cellOf(s, findings[0].location)).toEqual({ sheet: "Budget", cell: "F6" });
});

test("an unknown template version is reported, and the figures are still read", () => {
  const s: WorkbookSnapshot = { ...idva, metadata: { ...idva.metadata, templateVersion: "9.9.9" } };
  const { findings, template, ret } = readReturn(s, builtInTemplates);
  expect(template).toBeNull();
  expect(findings).toEqual([
    expect.objectContaining({
      ruleId: "TEMPLATE-UNKNOWN",
      location: { table: "Metadata", column: "templateVersion" },
    }),
  ]);
  expect(findings[0].message).toContain("9.9.9");
  expect(findings[0].message).toContain("1.0.0");
  expect(ret?.kpis.length).toBe(tableOf(idva, "KpiReturn")?.values.length);
  expect(rules({ ...idva, metadata: { ...idva.metadata, templateId: "nonesuch" } })).toEqual([
    "TEMPLATE-UNKNOWN",
  ]);
});

test("no metadata: not a return, and nothing is guessed", () => {
  const { ret, template, findings } = readReturn({ ...idva, metadata: null }, builtInTemplates);
  expect(ret).toBeNull();
  expect(template).toBeNull();
  expect(findings.map((f) => f.ruleId)).toEqual(["METADATA-MISSING"]);
  expect(
    readReturn({ sheets: ["Sheet1"], tables: [], metadata: null }, builtInTemplates).findings.map(
      (f) => f.ruleId,
    ),
  ).toEqual(["METADATA-MISSING"]);
});

test("unreadable metadata values are findings, not crashes", () => {
  const s: WorkbookSnapshot = {
    ...idva,
    metadata: { ...idva.metadata, approval: "{not json", status: "lost" },
  };
  const { findings, ret } = readReturn(s, builtInTemplates);
  expect(findings.map((f) => f.ruleId)).toEqual(["METADATA-UNREADABLE", "METADATA-UNREADABLE"]);
  expect(ret?.status).toBe("draft");
  expect(ret?.approval).toBeUndefined();
});

test("every rule id used is in the catalogue, and every finding has a location", () => {
  const messy = editTable(
    editTable(idva, "KpiReturn", (t) =>
      addRow(renameHeader(dropRow(t, 0), "Unit", "Units"), { "KPI ID": "x" }),
    ),
    "BudgetReturn",
    (t) => addColumn(setCell(t, 0, "RAG", "Green"), "Extra"),
  );
  const { findings } = readReturn(messy, builtInTemplates);
  const ids = new Set<string>(workbookRuleCatalogue.map((r) => r.id));
  expect(findings.length).toBeGreaterThanOrEqual(4);
  for (const f of findings) {
    expect(ids.has(f.ruleId)).toBe(true);
    expect(f.location.table).toMatch(/KpiReturn|BudgetReturn|Metadata/);
    expect(f.message.length).toBeGreaterThan(20);
  }
});

describe("cellOf", () => {
  test("rows and columns map to A1 cells below the header", () => {
    expect(cellOf(idva, { table: "KpiReturn", row: 0, column: "KPI ID" })).toEqual({
      sheet: "KPIs",
      cell: "A6",
    });
    expect(cellOf(idva, { table: "KpiReturn", row: 3, column: "Actual" })).toEqual({
      sheet: "KPIs",
      cell: "G9",
    });
    expect(cellOf(idva, { table: "BudgetReturn", row: 0, column: "Spent to date" })).toEqual({
      sheet: "Budget",
      cell: "D6",
    });
  });
  test("a column alone is its header; a row alone is its first cell", () => {
    expect(cellOf(idva, { table: "KpiReturn", column: "RAG" })).toEqual({ sheet: "KPIs", cell: "M5" });
    expect(cellOf(idva, { table: "KpiReturn", row: 1 })).toEqual({ sheet: "KPIs", cell: "A7" });
  });
  test("no cell for metadata, a missing table or a row outside the table", () => {
    expect(cellOf(idva, { table: "Metadata", column: "status" })).toBeNull();
    expect(
      cellOf(
        editTable(idva, "KpiReturn", () => null),
        { table: "KpiReturn", row: 0 },
      ),
    ).toBeNull();
    expect(cellOf(idva, { table: "KpiReturn", row: 99 })).toBeNull();
  });
  test("a table moved elsewhere on the sheet is followed", () => {
    const moved = editTable(idva, "KpiReturn", (t) => ({ ...t, address: "C10:O16" }));
    expect(cellOf(moved, { table: "KpiReturn", row: 2, column: "Actual" })).toEqual({
      sheet: "KPIs",
      cell: "I13",
    });
  });
});
