/**
 * The ribbon's "Check return" function command: validates the open return without opening the pane, highlights the
 * findings in the sheet, selects the first one that needs attention, and reports the counts in a small Office dialog.
 */
import { UserError, describeError, technicalDetail } from "../core/errors";
import type { Finding } from "../core/types";
import type { ReturnsHost } from "../taskpane/host";

/** What the dialog shows: short enough to travel in its URL. */
export interface CheckSummary {
  readonly title: string;
  readonly counts?: { error: number; query: number; info: number; unexplained: number };
  readonly lines: readonly string[];
}

/** Opens the summary and resolves when the person closes it (or at once, if a dialog cannot be shown). */
export type ShowSummary = (summary: CheckSummary) => Promise<void>;

const MAX_LINES = 3;
const MAX_LINE = 160;

function shorten(text: string): string {
  return text.length > MAX_LINE ? `${text.slice(0, MAX_LINE - 1)}…` : text;
}

/** What needs attention first: errors, then unexplained queries. */
function firstToFix(findings: readonly Finding[]): Finding | undefined {
  return (
    findings.find((f) => f.severity === "error") ??
    findings.find((f) => f.severity === "query" && !f.explainedBy)
  );
}

export async function checkReturnCommand(
  host: Pick<ReturnsHost, "checkReturn" | "goTo">,
  show: ShowSummary,
): Promise<void> {
  let summary: CheckSummary;
  try {
    const check = await host.checkReturn();
    if (!check.ret || !check.validation) {
      summary = {
        title: "This workbook holds no return to check",
        lines: [
          ...check.findings.slice(0, MAX_LINES).map((f) => shorten(f.message)),
          "Open the provider's return workbook, then choose Check return again.",
        ],
      };
    } else {
      const first = firstToFix(check.findings);
      if (first) await host.goTo(first.location);
      const c = check.validation.counts;
      const attention = check.findings.filter(
        (f) => f.severity === "error" || (f.severity === "query" && !f.explainedBy),
      );
      summary = {
        title: `${check.ret.provider}, ${check.ret.period}: ${check.validation.approvable ? "ready for approval" : "needs attention"}`,
        counts: { ...c },
        lines:
          attention.length > 0
            ? [
                ...attention.slice(0, MAX_LINES).map((f) => shorten(f.message)),
                "Each finding is highlighted in the sheet with a note; the first is selected. Open Returns for the full list.",
              ]
            : ["Every check passed, or each query is explained. Open Returns to approve."],
      };
    }
  } catch (err) {
    if (!(err instanceof UserError)) console.error("Check return failed:", technicalDetail(err));
    summary = {
      title: "The return could not be checked",
      lines: [
        shorten(describeError(err, "")),
        "Close any cell you are editing, then choose Check return again.",
      ],
    };
  }
  await show(summary);
}

/** The dialog page's URL for a summary (the dialog is on the add-in's own origin, as Office requires). */
export function summaryUrl(base: string, summary: CheckSummary): string {
  return `${base}?summary=${encodeURIComponent(JSON.stringify(summary))}`;
}

/** Reads the summary back in the dialog page; anything unreadable becomes a plain line, never a crash. */
export function summaryFromSearch(search: string): CheckSummary {
  try {
    const raw = new URLSearchParams(search).get("summary");
    const parsed = raw ? (JSON.parse(raw) as CheckSummary) : null;
    if (parsed && typeof parsed.title === "string" && Array.isArray(parsed.lines)) return parsed;
  } catch {
    // fall through to the plain summary
  }
  return {
    title: "Check return",
    lines: ["The result could not be shown. Open Returns to see the findings."],
  };
}
