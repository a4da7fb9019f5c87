/**
 * The ribbon's "Check return" function command: checks the open return without opening the pane (through the same
 * host and decision room as the pane, so the two never disagree), highlights the findings in the sheet, selects the
 * first one that needs attention, and reports the counts in a small Office dialog.
 */
import { UserError, describeError, technicalDetail } from "../core/errors";
import type { Finding, Return } from "../core/types";
import type { ReturnCheck, ReturnsHost } from "../taskpane/host";

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

/**
 * What needs attention first, of what can be selected: errors, then unexplained queries. A finding about the
 * metadata (a provider the register does not know, say) has no cell to select; the dialog still says it.
 */
function firstToFix(findings: readonly Finding[]): Finding | undefined {
  const onSheet = findings.filter((f) => f.location.table !== "Metadata");
  return (
    onSheet.find((f) => f.severity === "error") ??
    onSheet.find((f) => f.severity === "query" && !f.explainedBy)
  );
}

/** Every finding counted (the workbook's and the register's as well as the rules'), as the decision room counts. */
function countsOf(findings: readonly Finding[]): NonNullable<CheckSummary["counts"]> {
  const c = { error: 0, query: 0, info: 0, unexplained: 0 };
  for (const f of findings) {
    c[f.severity] += 1;
    if (f.severity === "query" && !f.explainedBy) c.unexplained += 1;
  }
  return c;
}

/** The verdict in the title: the decision room's, and never "ready" for what the register has not seen. */
function verdictOf(check: ReturnCheck, counts: NonNullable<CheckSummary["counts"]>): string {
  const approvable = check.standing?.approvable ?? (counts.error === 0 && counts.unexplained === 0);
  if (!approvable) return "needs attention";
  return check.standing && !check.standing.checkedAgainstRegister
    ? "nothing found, not checked against the Return Register"
    : "ready for approval";
}

function summaryOf(check: ReturnCheck & { ret: Return }): CheckSummary {
  const counts = countsOf(check.findings);
  const attention = check.findings.filter(
    (f) => f.severity === "error" || (f.severity === "query" && !f.explainedBy),
  );
  const offline = check.standing?.checkedAgainstRegister === false ? [check.standing.notice ?? ""] : [];
  return {
    title: `${check.ret.provider}, ${check.ret.period}: ${verdictOf(check, counts)}`,
    counts,
    lines: [
      ...(attention.length > 0
        ? [
            ...attention.slice(0, MAX_LINES).map((f) => shorten(f.message)),
            "Each finding is highlighted in the sheet with a note; the first is selected. Open Returns for the full list.",
          ]
        : ["Every check passed, or each query is explained. Open Returns to approve."]),
      ...offline.filter(Boolean).map(shorten),
    ],
  };
}

/**
 * Checks the open return through the host, which checks it as every face does (the workbook, the Return Register
 * when it can be reached, core's decision room), selects what needs attention first and shows the summary.
 */
export async function checkReturnCommand(
  host: Pick<ReturnsHost, "checkReturn" | "goTo">,
  show: ShowSummary,
): Promise<void> {
  let summary: CheckSummary;
  try {
    const check = await host.checkReturn();
    const { ret } = check;
    if (!ret || !check.validation) {
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
      summary = summaryOf({ ...check, ret });
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
