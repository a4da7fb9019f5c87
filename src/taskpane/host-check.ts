/**
 * Checking the open return as every face checks it: the workbook read against the templates, its entry in the
 * Return Register (when the lists can be reached), and core's decision room (checkCase) over both. The register's
 * entry is read afresh for a Validate and before every decision, and reused while the provider types (live checks),
 * so typing does not cost a Graph request per pause.
 */
import { checkCase, type ReturnCase } from "../core/case";
import { UserError } from "../core/errors";
import { registerKey } from "../core/register";
import type { Return } from "../core/types";
import type { RegisterRecord } from "../sharepoint";
import { readReturn, type ReadResult, type WorkbookSnapshot } from "../workbook";
import { failureText } from "./failure-words";
import type { CaseStanding, ReturnCheck } from "./host";
import type { PaneLibrary } from "./host-library";
import type { Session } from "./host-session";
import type { Highlight, OpenWorkbook } from "./host-workbook";

/**
 * How the register is consulted: read now, reuse the last read of this return, read now and fail loudly (before a
 * decision), or not at all (sync reads it itself, for every return of the period at once).
 */
export type RegisterRead = "fresh" | "cached" | "required" | "skip";

/** A check, with what a decision needs besides what the pane shows. */
export interface Checked {
  readonly check: ReturnCheck;
  readonly c: ReturnCase;
  readonly snapshot: WorkbookSnapshot;
  /** The workbook as read, before the register's view: what sync is given, and the provider's own claims. */
  readonly read: ReadResult;
  /** The register item read (what a write sends If-Match with); null offline or when none matches. */
  readonly record: RegisterRecord | null;
}

const OFFLINE_NOTICE =
  "Not checked against the Return Register: sign in to check the provider, the issued figures, the status and the overrides against the team's own record.";

export interface Checker {
  evaluate(snapshot: WorkbookSnapshot, highlight: Highlight, register: RegisterRead): Promise<Checked>;
  /** Reads the workbook and checks it; highlights its findings unless told not to. */
  check(highlight: Exclude<Highlight, "live">, register: RegisterRead): Promise<Checked>;
  /** The register item as just written by a decision: the check after it needs no second read. */
  remember(record: RegisterRecord): void;
}

export function createChecker(session: Session, library: PaneLibrary, book: OpenWorkbook): Checker {
  /** The register's item per return key, as last read. */
  const records = new Map<string, RegisterRecord | null>();

  /** The register's view of a return; offline (undefined) when the lists cannot be reached without asking. */
  const registerOf = async (
    ret: Return,
    how: RegisterRead,
  ): Promise<{ record: RegisterRecord | null; read: boolean; notice: string | null }> => {
    const key = registerKey(ret);
    if (how === "skip") return { record: null, read: false, notice: null };
    if (how === "cached" && records.has(key))
      return { record: records.get(key) ?? null, read: true, notice: null };
    if (!session.canReach()) {
      if (how === "required") await session.sharePoint(); // says plainly what is missing (a site, a sign-in)
      return { record: null, read: false, notice: OFFLINE_NOTICE };
    }
    try {
      const { sp, client } = await session.sharePoint();
      const record = await sp.readRegisterEntry(client, session.target, ret);
      records.set(key, record);
      return { record, read: true, notice: null };
    } catch (err) {
      if (how === "required") throw err;
      return {
        record: null,
        read: false,
        notice: `Not checked against the Return Register: ${failureText(err, "Check your connection, then Validate again.")}`,
      };
    }
  };

  const evaluate = async (
    snapshot: WorkbookSnapshot,
    highlight: Highlight,
    how: RegisterRead,
  ): Promise<Checked> => {
    let read = readReturn(snapshot, library.templates());
    if (!library.read() && read.findings.some((f) => f.ruleId === "TEMPLATE-UNKNOWN")) {
      // A return issued from a library version this pane has not seen yet: read the library once, then again.
      await library.refresh().catch(() => null);
      read = readReturn(snapshot, library.templates());
    }
    const register = read.ret && read.template ? await registerOf(read.ret, how) : null;
    const c = checkCase({
      ret: read.ret,
      template: read.template,
      workbookFindings: read.findings,
      ...(register?.read ? { register: { entry: register.record?.entry ?? null } } : {}),
    });
    if (c.ret && c.template && highlight !== "never") await book.annotate(snapshot, c.findings, highlight);
    const standing: CaseStanding = {
      approvable: c.approvable,
      checkedAgainstRegister: c.checkedAgainstRegister,
      registerStatus: c.entry?.status ?? null,
      notice: register?.notice ?? null,
    };
    return {
      check: { ret: c.ret, template: c.template, validation: c.validation, findings: c.findings, standing },
      c,
      snapshot,
      read,
      record: register?.record ?? null,
    };
  };

  return {
    evaluate,
    remember: (record) => records.set(record.entry.returnKey, record),
    check: async (highlight, how) => evaluate(await book.readAll(), highlight, how),
  };
}

/** The return as it stands now, to act on; a workbook with no readable return gets a plain error. */
export async function currentReturn(checker: Checker, register: RegisterRead): Promise<Checked> {
  // Only to act on: the re-check after the action highlights what is then true.
  const checked = await checker.check("never", register);
  if (!checked.c.ret || !checked.c.template) {
    // Said to whoever acts, provider or officer: the finding without the requests made of the provider, and a next
    // step that fits both.
    const error = checked.c.findings.find((f) => f.severity === "error");
    // The findings' words load with the views, not on the pane's first screen.
    const why = error
      ? (await import(/* webpackChunkName: "plain-words" */ "./plain-words")).findingMessage(error, "officer")
      : "This workbook holds no return.";
    throw new UserError(`${why} Open the return's workbook, then try again.`);
  }
  return checked;
}
