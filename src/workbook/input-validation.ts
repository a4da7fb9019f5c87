/**
 * Excel's data validation for the provider's input cells: what each KPI's unit and bounds allow, its guidance as the
 * input prompt, and a stop alert saying what to type instead.
 */
import { formatCurrency, formatValue } from "../core/format";
import { unitLimit } from "../core/limits";
import type { BudgetLineDefinition, KpiDefinition, KpiTemplate } from "../core/types";
import type { ValidationStep } from "./plan";

const cut = (text: string, max: number): string => (text.length <= max ? text : text.slice(0, max - 1) + "…");

/**
 * Excel's data validation limits: titles 32 characters, an input prompt's message 255, an error alert's message 225
 * ([MS-XLSB] DValStrings; Excel refuses longer ones).
 */
export const VALIDATION_TEXT = { title: 32, prompt: 255, alert: 225 } as const;

/** Data validation for a KPI's Actual cell: what its unit allows, its guidance as the prompt, a stop alert. */
export function validationFor(
  template: KpiTemplate,
  kpi: KpiDefinition,
  sheet: string,
  cell: string,
): ValidationStep {
  const prompt = {
    title: cut(kpi.label, VALIDATION_TEXT.title),
    message: cut(kpi.guidance || `Enter ${kpi.label}.`, VALIDATION_TEXT.prompt),
  };
  if (kpi.allowedValues && kpi.allowedValues.length > 0) {
    const values = kpi.allowedValues.map(String);
    return {
      sheet,
      address: cell,
      rule: { kind: "list", values },
      prompt,
      alert: {
        title: "Not an allowed value",
        message: cut(`${kpi.label} must be one of: ${values.join("; ")}.`, VALIDATION_TEXT.alert),
      },
    };
  }
  const isPercent = kpi.unit === "percent";
  const top = isPercent ? (template.percentScale === "fraction" ? 1 : 100) : undefined;
  const min = kpi.min ?? (kpi.unit === "number" ? undefined : 0);
  // Where a figure has a floor, Excel also refuses one past its unit's limit (1e308), which core never believes.
  const limit = min !== undefined ? unitLimit(kpi.unit, template.percentScale) : undefined;
  const ceiling = kpi.max ?? top ?? limit;
  const max = ceiling !== undefined && limit !== undefined ? Math.min(ceiling, limit) : ceiling;
  const whole = kpi.integer || kpi.unit === "count";
  const show = (n: number): string => formatValue(n, kpi.unit, template.percentScale);
  const bounds =
    min !== undefined && max !== undefined
      ? `between ${show(min)} and ${show(max)}`
      : min !== undefined
        ? `of ${show(min)} or more`
        : max !== undefined
          ? `of ${show(max)} or less`
          : "";
  const what = whole
    ? "a whole number"
    : isPercent && template.percentScale === "fraction"
      ? "a percentage"
      : "a number";
  return {
    sheet,
    address: cell,
    rule: {
      kind: whole ? "wholeNumber" : "decimal",
      ...(min !== undefined ? { min } : {}),
      ...(max !== undefined ? { max } : {}),
    },
    prompt,
    alert: {
      title: cut(`Check ${kpi.label}`, VALIDATION_TEXT.title),
      message: cut(
        `${kpi.label}: enter ${what}${bounds ? " " + bounds : ""}, or leave it blank and explain in Commentary.`,
        VALIDATION_TEXT.alert,
      ),
    },
  };
}

/** Data validation for a budget line's Spent to date: pounds from £0 to the limit of any plausible sum. */
export function budgetValidation(sheet: string, cell: string, line: BudgetLineDefinition): ValidationStep {
  return {
    sheet,
    address: cell,
    rule: { kind: "decimal", min: 0, max: unitLimit("currency") },
    prompt: {
      title: cut(line.label, VALIDATION_TEXT.title),
      message:
        "Enter the total spent on this line since 1 April, in pounds. Explain any difference from the profile in Commentary.",
    },
    alert: {
      title: "Check spent to date",
      message: `${cut(line.label, 120)}: enter an amount in pounds between £0 and ${formatCurrency(unitLimit("currency"))}.`,
    },
  };
}
