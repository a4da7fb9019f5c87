/**
 * The task pane's lifecycle actions, decided exactly as the command line decides them: the signed-in officer (GET
 * /me) is known first, the return is checked against its Return Register entry read afresh, core's decision room
 * plans the step, the register is written first (If-Match), and only then is the workbook stamped, a copy for the
 * provider's information. The provider's own step (submit) writes only their workbook: it is their claim. The
 * decision room's code loads with the first decision, not on the pane's first screen.
 */
import type { Act, Decision, ReturnCase } from "../core/decisions";
import { UserError } from "../core/errors";
import * as lifecycle from "../core/lifecycle";
import { findingSubject } from "../core/subject";
import type { Finding } from "../core/types";
import { planReturnState } from "../workbook";
import type { ReturnCheck, ReturnsHost } from "./host";
import { currentReturn, type Checker } from "./host-check";
import type { Session } from "./host-session";
import type { OpenWorkbook } from "./host-workbook";

/**
 * A refusal in the officer's words: the reason, then each finding in the way on a line of its own, as the findings
 * list says it (the check's id stays with the finding, behind its details). The findings' words load with the views,
 * not on the pane's first screen.
 */
export async function refusalText(decision: Decision & { ok: false }): Promise<string> {
  const { findingMessage } = await import(/* webpackChunkName: "plain-words" */ "./plain-words");
  const list = decision.blockers.map((f) => `- ${findingMessage(f, "officer")}`).join("\n");
  return list ? `${decision.reason}\n${list}` : decision.reason;
}

function queryOf(f: Finding): { ruleId: string; subject: string } {
  return { ruleId: f.ruleId, subject: findingSubject(f) };
}

type DecisionRoom = typeof import("../core/decisions");

type Actions = Pick<
  ReturnsHost,
  "submit" | "receive" | "overrideQuery" | "withdrawOverride" | "approve" | "returnToProvider" | "reopen"
>;

export function createActions(deps: {
  session: Session;
  checker: Checker;
  book: OpenWorkbook;
  now: () => Date;
}): Actions {
  const { session, checker, book, now } = deps;

  const decide = async (
    rule: (room: DecisionRoom, c: ReturnCase, act: Act) => Decision,
  ): Promise<ReturnCheck> => {
    const room = await import(/* webpackChunkName: "decisions" */ "../core/decisions");
    // Who acts is settled before anything is read: nothing is recorded for an unnamed officer.
    const officer = await session.officer();
    const checked = await currentReturn(checker, "required");
    const decision = rule(room, checked.c, { officer, at: now().toISOString() });
    if (!decision.ok) throw new UserError(await refusalText(decision));
    if (!checked.record)
      throw new UserError("No issued return in the Return Register matches this workbook.");
    const { sp, client } = await session.sharePoint();
    checker.remember(await sp.writeRegisterEntry(client, session.target, checked.record, decision.entry));
    // The register holds the decision now; the workbook's copy is only for the provider's information.
    if (decision.stamp) await book.apply(planReturnState(decision.stamp));
    return (await checker.check("always", "cached")).check;
  };

  return {
    async submit(): Promise<ReturnCheck> {
      // The provider's step, in their own workbook: recorded as theirs, believed by nobody until an officer receives it.
      const { read } = await currentReturn(checker, "skip");
      const ret = read.ret!;
      await book.apply(planReturnState(lifecycle.submit(ret, { by: ret.provider, at: now().toISOString() })));
      return (await checker.check("always", "cached")).check;
    },
    receive: () => decide((room, c, act) => room.decideReceive(c, act)),
    overrideQuery: (finding, reason) =>
      decide((room, c, act) => room.decideOverride(c, act, { ...queryOf(finding), reason })),
    withdrawOverride: (finding) =>
      decide((room, c, act) => room.decideWithdrawOverride(c, act, queryOf(finding))),
    approve: (comment) => decide((room, c, act) => room.decideApprove(c, act, comment)),
    returnToProvider: (reasons) => decide((room, c, act) => room.decideReturnToProvider(c, act, reasons)),
    reopen: () => decide((room, c, act) => room.decideReopen(c, act)),
  };
}
