/**
 * Sheet protection while the add-in writes: which sheets a plan must unprotect (only those it changes beyond the
 * highlights their protection allows), and protecting the return's own sheets again afterwards, so live checking
 * never clears the provider's undo.
 */
import { BUDGET_SHEET, KPI_SHEET, METADATA_SHEET } from "./contract";
import { OP_OVERHEAD, size, type Op } from "./office-ops";
import type { WorkbookPlan } from "./plan";

/** A sheet as loaded before writing: its name and protection. */
export interface LoadedSheet {
  readonly name: string;
  readonly protection: { readonly protected: boolean; readonly options: Excel.WorksheetProtectionOptions };
}

/**
 * Whether a plan only highlights on `sheet` (fills, number formats, notes): what a protected sheet allows without
 * unprotecting when its protection lets users format cells and edit objects (notes).
 */
export function highlightsOnly(
  plan: WorkbookPlan,
  sheet: string,
): { formats: boolean; notes: boolean } | null {
  const on = <T extends { sheet: string }>(steps: readonly T[]) => steps.some((s) => s.sheet === sheet);
  const heavy =
    on(plan.cells) ||
    on(plan.tables) ||
    on(plan.validations) ||
    on(plan.widths) ||
    on(plan.freezes) ||
    plan.protection.some((p) => p.sheet === sheet) ||
    plan.sheets.some((p) => p.name === sheet) ||
    (plan.metadata !== undefined && plan.metadata !== null && sheet === METADATA_SHEET) ||
    plan.formats.some((f) => f.sheet === sheet && f.locked !== undefined);
  if (heavy) return null;
  return {
    formats: on(plan.formats) || on(plan.numberFormats),
    notes: on(plan.notes) || on(plan.clearNotes),
  };
}

/**
 * Sheet protection as the add-in sets it: no password (it guards against slips, not people: a password would have to
 * ship in the add-in); formatting cells and editing objects (notes) stay allowed so highlights can be rewritten
 * without unprotecting, which would clear the provider's undo ("Undo support with the Excel JavaScript API").
 */
export const PROTECTION_OPTIONS = {
  allowFormatCells: true,
  allowFormatColumns: true,
  allowFormatRows: true,
  allowEditObjects: true,
  allowAutoFilter: true,
  allowSort: false,
} as const;

/** The touched sheets whose protection must be lifted: those the plan changes beyond what their protection allows. */
export function sheetsToUnprotect(
  plan: WorkbookPlan,
  sheets: readonly LoadedSheet[],
  touched: Iterable<string>,
): Set<string> {
  const unprotect = new Set<string>();
  for (const name of touched) {
    const existing = sheets.find((s) => s.name === name);
    if (!existing || !existing.protection.protected) continue;
    const light = highlightsOnly(plan, name);
    const options = existing.protection.options;
    const allowed =
      light !== null &&
      (!light.formats || options.allowFormatCells === true) &&
      (!light.notes || options.allowEditObjects === true);
    if (!allowed) unprotect.add(name);
  }
  return unprotect;
}

/** Ops lifting protection from the sheets in `unprotect`. */
export function unprotectOps(sheet: (name: string) => Excel.Worksheet, unprotect: ReadonlySet<string>): Op[] {
  return [...unprotect].map((name) => ({ bytes: size(name), run: () => sheet(name).protection.unprotect() }));
}

/**
 * Ops protecting again: the contract sheets the plan changed beyond highlights (they are always protected), and
 * those unprotected to write; the plan's explicit protection steps win.
 */
export function protectOps(
  sheet: (name: string) => Excel.Worksheet,
  plan: WorkbookPlan,
  sheets: readonly LoadedSheet[],
  touched: Iterable<string>,
  unprotect: ReadonlySet<string>,
): Op[] {
  const own = [KPI_SHEET, BUDGET_SHEET, METADATA_SHEET];
  const protect = new Map<string, boolean>();
  for (const name of touched)
    if (own.includes(name) && highlightsOnly(plan, name) === null) protect.set(name, true);
  for (const name of unprotect) if (own.includes(name)) protect.set(name, true);
  for (const step of plan.protection) protect.set(step.sheet, step.protect);
  return [...protect].map(([name, on]) => {
    const wasProtected = sheets.find((s) => s.name === name)?.protection.protected === true;
    return {
      bytes: OP_OVERHEAD,
      run: () => {
        const protection = sheet(name).protection;
        // Unprotect first (unless done above) so protect never meets an already protected sheet.
        if (wasProtected && !unprotect.has(name)) protection.unprotect();
        if (on) protection.protect(PROTECTION_OPTIONS);
      },
    };
  });
}
