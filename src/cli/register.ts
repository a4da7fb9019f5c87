/**
 * The command line's side of the Return Register: who the officer is (the sign-in, or `--by` against the emulator
 * only), and running one of core's decisions on a workbook: read the register entry, decide, write the register
 * first (If-Match), then stamp the workbook for the provider's information.
 */
import { isLoopbackUrl } from "../sharepoint/target";
import { checkCase, type Act, type Decision, type ReturnCase } from "../core/decisions";
import type { Officer } from "../core/register";
import type { Return } from "../core/types";
import { ExitCode, CliFailure } from "./exit";
import { connectGraph, withGraph, type GraphConnection, type GraphFlags, type GraphPurpose } from "./graph";
import type { CliIo } from "./io";
import { cellText, placeFindings, type CheckedReturn } from "./returns";

export interface OfficerFlags extends GraphFlags {
  readonly by?: string;
}

/** `--by` names the officer only against the emulator (at `baseUrl`); against a tenant it is refused. */
export function refuseByOffEmulator(flags: OfficerFlags, baseUrl: string): void {
  if (flags.by !== undefined && !isLoopbackUrl(baseUrl))
    throw new CliFailure(
      "--by is accepted only against the emulator: against a tenant the officer is the account you sign in with, so leave --by out.",
      ExitCode.badInput,
      "--by",
    );
}

/** The officer: `--by` against the emulator only; otherwise the signed-in account (GET /me). */
export async function officerOf(flags: OfficerFlags, conn: GraphConnection): Promise<Officer> {
  refuseByOffEmulator(flags, conn.target.baseUrl);
  const by = flags.by?.trim();
  if (by)
    return {
      name: by,
      upn: `${by
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, ".")
        .replace(/^\.|\.$/g, "")}@emulator.local`,
    };
  const { signedInOfficer } = await import("../sharepoint");
  return withGraph(() => signedInOfficer(conn.client));
}

/** Connects and names the officer in one step, for commands that record decisions. */
export async function officerSession(
  flags: OfficerFlags,
  io: CliIo,
  purpose: GraphPurpose = "officer",
): Promise<GraphConnection & { act: Act }> {
  const conn = await connectGraph(flags, io, purpose);
  const officer = await officerOf(flags, conn);
  return { ...conn, act: { officer, at: io.now().toISOString() } };
}

/** "  error RULE at Sheet!A1: message" lines for what a decision found in the way. */
export function blockerLines(checked: CheckedReturn, decision: Decision): string[] {
  if (decision.ok) return [];
  return placeFindings(checked, decision.blockers).map(
    (p) =>
      `  ${p.finding.severity} ${p.finding.ruleId}${cellText(p) ? ` at ${cellText(p)}` : ""}: ${p.finding.message}`,
  );
}

/**
 * Runs one decision on a checked workbook: the register entry read by the return's key, core decides, the
 * register written first with If-Match, then the workbook stamped (into `output`, or the file itself).
 */
export async function decideOnWorkbook(
  checked: CheckedReturn,
  session: GraphConnection & { act: Act },
  decide: (c: ReturnCase, act: Act) => Decision,
  save: (stamp: Return) => Promise<string>,
): Promise<{ decision: Decision & { ok: true }; written: string | null; c: ReturnCase }> {
  const { readRegisterEntry, writeRegisterEntry } = await import("../sharepoint");
  const record = checked.ret
    ? await withGraph(() => readRegisterEntry(session.client, session.target, checked.ret!))
    : null;
  const c = checkCase({
    ret: checked.ret,
    template: checked.template,
    workbookFindings: checked.structural,
    register: { entry: record?.entry ?? null },
  });
  const decision = decide(c, session.act);
  if (!decision.ok) {
    const lines = blockerLines(checked, decision);
    throw new CliFailure(
      `"${checked.shown}": ${decision.reason}${lines.length ? `\n${lines.join("\n")}` : ""}`,
      ExitCode.failed,
      checked.shown,
    );
  }
  await withGraph(() => writeRegisterEntry(session.client, session.target, record!, decision.entry));
  // The register holds the decision now; the workbook's copy is only for the provider's information.
  const written = decision.stamp ? await save(decision.stamp) : null;
  return { decision, written, c };
}
