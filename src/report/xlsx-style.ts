/**
 * The report workbook's look, shared by its Summary and data sheets: number formats, the brand colour, RAG fills and
 * the header row's style, and a KPI's number format in its unit.
 */
import type ExcelJS from "exceljs";
import type { Rag } from "../core/types";
import type { ReportKpi } from "./model";
import { ragText } from "./text";

export const MONEY = '"£"#,##0;[Red]-"£"#,##0';
export const PERCENT = "0.0%";
export const COUNT = "#,##0";
export const BRAND = "FF1F3864";
const RAG_FILL: Record<Rag, string> = { green: "FFC8E6C9", amber: "FFFFE0B2", red: "FFFFCDD2" };

function fill(argb: string): ExcelJS.Fill {
  return { type: "pattern", pattern: "solid", fgColor: { argb } };
}

export function styleRag(cell: ExcelJS.Cell, rag: Rag | null): void {
  cell.value = rag ? ragText(rag) : "";
  if (rag) cell.fill = fill(RAG_FILL[rag]);
  cell.alignment = { horizontal: "center" };
}

/** A KPI value's number format in its unit and scale. */
export function kpiFormat(k: ReportKpi): string {
  switch (k.unit) {
    case "currency":
      return MONEY;
    case "percent":
      return k.percentScale === "fraction" ? PERCENT : '0.0"%"';
    case "days":
      return '0.0" days"';
    default:
      return COUNT;
  }
}

export function headerRow(row: ExcelJS.Row): void {
  row.font = { bold: true, color: { argb: "FFFFFFFF" } };
  row.eachCell((c) => {
    c.fill = fill(BRAND);
    c.alignment = { vertical: "middle", wrapText: true };
  });
}
