/**
 * How a return's cells look: number formats by unit (en-GB) and the fill and lock of each table column, shared by the
 * plan for a new return and the annotation plan that puts the tables back to their plain look.
 */
import type { KpiTemplate, Unit } from "../core/types";
import { COLOURS } from "./contract";

/** en-GB number formats by unit, for figures and for signed differences of them. */
export function numberFormatFor(
  unit: Unit,
  percentScale: KpiTemplate["percentScale"],
  integer = true,
): string {
  switch (unit) {
    case "count":
      return "#,##0";
    case "currency":
      return "£#,##0";
    case "percent":
      return percentScale === "fraction" ? "0.0%" : '0.0"%"';
    case "days":
      return "#,##0.0";
    case "number":
      return integer ? "#,##0" : "#,##0.00";
  }
}

export function signedFormat(format: string): string {
  return `+${format};-${format};${format}`;
}

export const FORMATS = {
  signedPercent: "+0.0%;-0.0%;0.0%",
  signedPoints: '+0.0" pts";-0.0" pts";0.0" pts"',
  date: "dd/mm/yyyy",
  text: "@",
  fraction: "0.0%",
  currency: "£#,##0",
  signedCurrency: "+£#,##0;-£#,##0;£0",
} as const;

/** Fill, lock and wrap for each column's body: input columns unlocked and yellow, computed ones grey. */
export function columnLooks(
  headers: readonly string[],
  inputs: readonly string[],
  computed: readonly string[],
): { header: string; fill: string | null; locked: boolean }[] {
  return headers.map((header) => ({
    header,
    fill: inputs.includes(header) ? COLOURS.input : computed.includes(header) ? COLOURS.computed : null,
    locked: !inputs.includes(header),
  }));
}
