/**
 * Where the task pane's Quarter view gets its rows: the Return Register's returns for a period, read with the officer's
 * own sign-in (the pane's Sites.ReadWrite.All, see the README's scopes) and made into rows by core's `quarterRows`, the
 * very rows `kpi-returns status` prints, so the two cannot disagree. The host exposes it as `quarterReturns`; the Graph
 * client and core's quarter code load on first use, and the host imports this module itself only when the Quarter
 * view first asks, so nothing here weighs on the pane's first script.
 */
import type { QuarterRow } from "../core/quarter";
import type { KpiTemplate } from "../core/types";
import type { GraphTarget } from "../sharepoint/target";
import type { Connection } from "./host-session";

/** A period's returns as the Quarter view shows them. */
export interface QuarterReturns {
  /** The period read, written as the register writes it ("2022-23 Q2"). */
  readonly period: string;
  readonly rows: readonly QuarterRow[];
}

export interface QuarterRegisterDeps {
  /** The Graph client and the SharePoint module for the signed-in officer (refuses before sign-in in a tenant). */
  connect(): Promise<Connection>;
  readonly target: GraphTarget;
  /** Every template the pane knows (built-in and the library's), to name each return's service. */
  templates(): readonly KpiTemplate[];
  now(): Date;
}

/** The host's `quarterReturns`: one read of the register by its indexed Period column (plus pages). */
export function quarterRegister(deps: QuarterRegisterDeps): (period: string) => Promise<QuarterReturns> {
  return async (typed) => {
    const [{ formatPeriod, parsePeriod }, { quarterRows }] = await Promise.all([
      import(/* webpackChunkName: "quarter-register" */ "../core/period"),
      import(/* webpackChunkName: "quarter-register" */ "../core/quarter"),
    ]);
    const period = formatPeriod(parsePeriod(typed));
    const { sp, client } = await deps.connect();
    const records = await sp.readRegister(client, deps.target, period);
    const entries = records.map((r) => r.entry);
    return { period, rows: quarterRows(entries, deps.now().toISOString(), deps.templates()) };
  };
}
