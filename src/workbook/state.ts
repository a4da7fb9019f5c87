/**
 * Plans that record a return's lifecycle in its workbook: status, approval record, overrides, history and the
 * reasons it was sent back go into the metadata, and the status is shown to the provider on each sheet.
 */
import type { Return } from "../core/types";
import { BUDGET_SHEET, KPI_SHEET, STATUS_CELLS } from "./contract";

import { encodeState } from "./metadata";
import { emptyPlan, type WorkbookPlan } from "./plan";

/** dd/mm/yyyy from an ISO timestamp, as en-GB readers expect. */
function ukDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : iso;
}

/** The status line a provider reads at the top of the return. */
export function statusText(ret: Return): string {
  switch (ret.status) {
    case "draft":
      return "Draft";
    case "submitted":
      return "Submitted";
    case "validated":
      return "Checked by the commissioning team";
    case "approved":
      return ret.approval ? `Approved by ${ret.approval.by} on ${ukDate(ret.approval.at)}` : "Approved";
    case "synced":
      return ret.approval
        ? `Approved by ${ret.approval.by} on ${ukDate(ret.approval.at)}; sent to finance`
        : "Sent to finance";
    case "returned": {
      const reasons = ret.returnedReasons ?? [];
      return reasons.length > 0 ? `Returned to you: ${reasons.join("; ")}` : "Returned to you";
    }
  }
}

/** Writes the return's state into the metadata (replacing what was there) and its status onto the sheets. */
export function planReturnState(ret: Return): WorkbookPlan {
  const previousSpent: Record<string, number> = {};
  for (const line of ret.budget)
    if (line.previousSpent !== null) previousSpent[line.lineId] = line.previousSpent;
  const metadata = encodeState({
    templateId: ret.templateId,
    templateVersion: ret.templateVersion,
    provider: ret.provider,
    period: ret.period,
    status: ret.status,
    overrides: ret.overrides,
    history: ret.history,
    previousSpent,
    ...(ret.approval ? { approval: ret.approval } : {}),
    ...(ret.returnedReasons ? { returnedReasons: ret.returnedReasons } : {}),
  });
  const sheets = [
    ...(ret.kpis.length > 0 ? [KPI_SHEET] : []),
    ...(ret.budget.length > 0 ? [BUDGET_SHEET] : []),
  ];
  const status = statusText(ret);
  return {
    ...emptyPlan(),
    cells: sheets.map((sheet) => ({ sheet, address: STATUS_CELLS, values: [["Status", status]] })),
    metadata,
  };
}
