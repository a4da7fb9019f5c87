/**
 * The pane's status colours in one place: each meaning (a finding's severity, a RAG rating, a trend) maps to a tone,
 * and each tone to Fluent tokens for a fill, a border and text, so red means the same wherever the pane shows it.
 */
import { makeStyles, tokens } from "@fluentui/react-components";
import type { Direction, Rag, Severity } from "../core/types";

/** Named as Fluent's Badge colours, so a badge can take a tone as it is. */
export type Tone = "danger" | "warning" | "success" | "informative";

export const severityTone: Record<Severity, Tone> = {
  error: "danger",
  query: "warning",
  info: "informative",
};
export const ragTone: Record<Rag, Tone> = { red: "danger", amber: "warning", green: "success" };
export const directionTone: Record<Direction, Tone> = {
  improving: "success",
  worsening: "danger",
  steady: "informative",
};

/** Classes `${tone}Fill`, `${tone}Border` and `${tone}Text` for every tone. */
export const useToneStyles = makeStyles({
  dangerFill: { backgroundColor: tokens.colorPaletteRedBackground3 },
  warningFill: { backgroundColor: tokens.colorPaletteMarigoldBackground3 },
  successFill: { backgroundColor: tokens.colorPaletteGreenBackground3 },
  informativeFill: { backgroundColor: tokens.colorNeutralBackground5 },
  dangerBorder: { borderInlineStartColor: tokens.colorPaletteRedBorder2 },
  warningBorder: { borderInlineStartColor: tokens.colorPaletteYellowBorder2 },
  successBorder: { borderInlineStartColor: tokens.colorPaletteGreenBorder2 },
  informativeBorder: { borderInlineStartColor: tokens.colorNeutralStroke1 },
  dangerText: { color: tokens.colorPaletteRedForeground1 },
  warningText: { color: tokens.colorPaletteDarkOrangeForeground1 },
  successText: { color: tokens.colorPaletteGreenForeground1 },
  informativeText: { color: tokens.colorNeutralForeground3 },
});
